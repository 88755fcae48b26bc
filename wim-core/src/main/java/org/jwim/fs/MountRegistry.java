package org.jwim.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jwim.io.Sha1Digests;

/**
 * Where the mounts of this user are listed, as DISM keeps its mounted images in the registry: one
 * small file per mount directory naming it, in {@code $JWIM_MOUNT_REGISTRY} (or the system property
 * {@code jwim.mount.registry}), else {@code $XDG_STATE_HOME/jwim/mounts}, else
 * {@code ~/.local/state/jwim/mounts}.
 */
public final class MountRegistry {
    private final Path dir;

    public MountRegistry(Path dir) {
        this.dir = dir;
    }

    /** The registry this process uses. */
    public static MountRegistry standard() {
        String p = System.getProperty("jwim.mount.registry");
        if (p == null) {
            p = System.getenv("JWIM_MOUNT_REGISTRY");
        }
        if (p != null && !p.isEmpty()) {
            return new MountRegistry(Path.of(p));
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return new MountRegistry(base.resolve("jwim").resolve("mounts"));
    }

    public Path directory() {
        return dir;
    }

    private Path entryFor(Path mountDir) {
        String key = mountDir.toAbsolutePath().normalize().toString();
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return dir.resolve(HexFormat.of().formatHex(Sha1Digests.sha1(k, 0, k.length)) + ".mount");
    }

    void add(Path mountDir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(entryFor(mountDir), mountDir.toAbsolutePath().normalize() + "\n", StandardCharsets.UTF_8);
    }

    void remove(Path mountDir) throws IOException {
        Files.deleteIfExists(entryFor(mountDir));
    }

    /** Every mount directory listed, whatever its state. */
    public List<Path> mountDirectories() throws IOException {
        List<Path> l = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return l;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.mount")) {
            for (Path p : ds) {
                String s = Files.readString(p, StandardCharsets.UTF_8).trim();
                if (!s.isEmpty()) {
                    l.add(Path.of(s));
                }
            }
        }
        l.sort(null);
        return l;
    }
}
