package org.jwim.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.jwim.image.FileAttributes;

/**
 * The {@code basic}, {@code dos} and {@code wim} views of one path (one class: each view is the
 * one before plus more). The path is looked up anew on each call, as the JDK's views do.
 */
final class FileView implements WimFileAttributeView {
    private final String name;
    private final WimFileSystem fs;
    private final Path path;
    private final boolean follow;

    FileView(String name, WimFileSystem fs, Path path, boolean follow) {
        this.name = name;
        this.fs = fs;
        this.path = path;
        this.follow = follow;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public WimFileAttributes readAttributes() throws IOException {
        return fs.attributes(path, follow);
    }

    @Override
    public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) throws IOException {
        fs.setTimes(path, follow, lastModifiedTime, lastAccessTime, createTime);
    }

    @Override
    public void setReadOnly(boolean value) throws IOException {
        fs.setAttributeBits(path, follow, FileAttributes.READONLY, value);
    }

    @Override
    public void setHidden(boolean value) throws IOException {
        fs.setAttributeBits(path, follow, FileAttributes.HIDDEN, value);
    }

    @Override
    public void setSystem(boolean value) throws IOException {
        fs.setAttributeBits(path, follow, FileAttributes.SYSTEM, value);
    }

    @Override
    public void setArchive(boolean value) throws IOException {
        fs.setAttributeBits(path, follow, FileAttributes.ARCHIVE, value);
    }

    @Override
    public void setAttributes(int attributes) throws IOException {
        fs.setAllAttributes(path, follow, attributes);
    }

    @Override
    public void setShortName(String shortName) throws IOException {
        fs.setShortName(path, follow, shortName);
    }

    @Override
    public void setSecurityId(int securityId) throws IOException {
        fs.setSecurityId(path, follow, securityId);
    }
}
