package org.jwim.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries the changes made in an extracted mount's directory into the image, through a read-write
 * {@link WimFileSystem}: what the recorded tree had and the directory lacks is deleted; what is new
 * is added; a file whose inode, change time or size differ from the record gets the directory's
 * data (read from the directory at commit, not copied); everything else is left as the image has
 * it, with all that Linux cannot show (security descriptors, DOS attributes, short names, named
 * streams, other reparse points). Names the extraction skipped are never touched.
 */
final class MountSync {
    /** What changed. */
    record Counts(int added, int changed, int deleted) {
    }

    private final Path dir;
    private final String dirPrefix;
    private final WimFileSystem fs;
    private final Map<String, MountState.Entry> recorded;
    private int added;
    private int changed;
    private int deleted;

    MountSync(Path dir, WimFileSystem fs, Map<String, MountState.Entry> recorded) {
        this.dir = dir.toAbsolutePath().normalize();
        this.dirPrefix = this.dir.toString();
        this.fs = fs;
        this.recorded = recorded;
    }

    Counts run() throws IOException {
        Map<String, MountState.Entry> current = MountState.scan(dir);
        // Deletions first, deepest first: a name that changed kind is deleted and added again.
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, MountState.Entry> e : recorded.entrySet()) {
            MountState.Entry now = current.get(e.getKey());
            if (now == null || now.type() != e.getValue().type()) {
                gone.add(e.getKey());
            }
        }
        gone.sort(Comparator.reverseOrder());
        for (String rel : gone) {
            Path p = image(rel);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                fs.deleteTree(p);
                deleted++;
            }
        }
        // Then additions and changes, parents before children (a parent's path sorts first).
        Map<Long, String> firstNameOfInode = new HashMap<>();
        for (Map.Entry<String, MountState.Entry> e : current.entrySet()) {
            String rel = e.getKey();
            MountState.Entry now = e.getValue();
            MountState.Entry was = recorded.get(rel);
            if (was != null && was.type() != now.type()) {
                was = null;
            }
            switch (now.type()) {
                case 'd' -> {
                    if (was == null) {
                        Files.createDirectory(image(rel));
                        copyTimes(rel);
                        added++;
                    }
                }
                case 'l' -> syncLink(rel, now, was);
                case 'f' -> syncFile(rel, now, was, firstNameOfInode);
                default -> {
                    // FIFOs, sockets and devices made in the mount are not carried into the image.
                }
            }
        }
        return new Counts(added, changed, deleted);
    }

    private Path image(String rel) {
        return fs.getPath("/" + rel);
    }

    private void syncLink(String rel, MountState.Entry now, MountState.Entry was) throws IOException {
        if (was != null && was.target().equals(now.target())) {
            return;
        }
        Path p = image(rel);
        if (was != null) {
            fs.deleteTree(p);
            changed++;
        } else {
            added++;
        }
        String t = now.target();
        // An absolute link into the mount was fixed up by the extraction (or points there anyway):
        // inside the image it is absolute from the image's root.
        if (t.equals(dirPrefix)) {
            t = "/";
        } else if (t.startsWith(dirPrefix + "/")) {
            t = t.substring(dirPrefix.length());
        }
        Files.createSymbolicLink(p, fs.getPath(t));
    }

    private void syncFile(String rel, MountState.Entry now, MountState.Entry was, Map<Long, String> firstNameOfInode)
            throws IOException {
        boolean same = was != null && was.ino() == now.ino() && was.ctime() == now.ctime() && was.size() == now.size();
        String first = firstNameOfInode.putIfAbsent(now.ino(), rel);
        if (same) {
            return;
        }
        Path p = image(rel);
        boolean exists = Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        if (first != null) {
            // Another name of the same file on disk was handled already: this one becomes its hard link.
            if (exists && Files.isSameFile(p, image(first))) {
                return;
            }
            if (exists) {
                fs.deleteTree(p);
            }
            Files.createLink(p, image(first));
            if (exists) {
                changed++;
            } else {
                added++;
            }
            return;
        }
        if (exists && (Integer) Files.getAttribute(p, "wim:linkCount", LinkOption.NOFOLLOW_LINKS) > 1) {
            // The image's file has other names the disk may no longer share: give this name its own file.
            fs.deleteTree(p);
        }
        fs.importFile(p, dir.resolve(rel));
        copyTimes(rel);
        if (exists) {
            changed++;
        } else {
            added++;
        }
    }

    private void copyTimes(String rel) throws IOException {
        FileTime mtime = Files.getLastModifiedTime(dir.resolve(rel), LinkOption.NOFOLLOW_LINKS);
        Files.setLastModifiedTime(image(rel), mtime);
    }
}
