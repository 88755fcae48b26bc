package org.jwim.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/** The one store of a WIM file system: the WIM file, with the space of the disk it is on. */
final class WimFileStore extends java.nio.file.FileStore {
    private final WimFileSystem fs;

    WimFileStore(WimFileSystem fs) {
        this.fs = fs;
    }

    @Override
    public String name() {
        return fs.wimPath().getFileName() + ":" + fs.imageIndex();
    }

    @Override
    public String type() {
        return "wim";
    }

    @Override
    public boolean isReadOnly() {
        return fs.isReadOnly();
    }

    @Override
    public long getTotalSpace() throws IOException {
        return Files.getFileStore(fs.wimPath()).getTotalSpace();
    }

    @Override
    public long getUsableSpace() throws IOException {
        return fs.isReadOnly() ? 0 : Files.getFileStore(fs.wimPath()).getUsableSpace();
    }

    @Override
    public long getUnallocatedSpace() throws IOException {
        return fs.isReadOnly() ? 0 : Files.getFileStore(fs.wimPath()).getUnallocatedSpace();
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type == BasicFileAttributeView.class || type == DosFileAttributeView.class
                || type == WimFileAttributeView.class || type == UserDefinedFileAttributeView.class;
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return fs.supportedFileAttributeViews().contains(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return null;
    }

    @Override
    public Object getAttribute(String attribute) throws IOException {
        return switch (attribute) {
            case "totalSpace" -> getTotalSpace();
            case "usableSpace" -> getUsableSpace();
            case "unallocatedSpace" -> getUnallocatedSpace();
            default -> throw new UnsupportedOperationException("no attribute \"" + attribute + "\"");
        };
    }
}
