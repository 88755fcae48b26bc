package org.jwim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;

/** Small source trees with the cases capture must handle, built in a test's temporary folder. */
public final class SourceTrees {
    private SourceTrees() {
    }

    /**
     * Files of edge sizes, empty files and directories, unicode and long names, deep nesting,
     * duplicate contents, hard links, symlinks (relative, absolute inside and outside, dangling,
     * to a directory), compressible and incompressible data.
     */
    public static Path mixed(Path dir) throws IOException {
        Path root = Files.createDirectories(dir);
        Random rnd = new Random(20261122);
        Path sizes = Files.createDirectories(root.resolve("sizes"));
        for (int n : new int[] {0, 1, 2, 100, 4095, 4096, 32767, 32768, 32769, 65536, 65537, 200_000}) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) ("abcdefgh".charAt(i % 8) + (i % 1000 == 0 ? 1 : 0));
            }
            Files.write(sizes.resolve("text-" + n), b);
        }
        byte[] random = new byte[300_000];
        rnd.nextBytes(random);
        Files.write(root.resolve("random.bin"), random);
        Files.write(root.resolve("random-copy.bin"), random);
        Files.write(root.resolve("dup-a.txt"), "same content\n".getBytes(StandardCharsets.UTF_8));
        Files.write(root.resolve("dup-b.txt"), "same content\n".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(root.resolve("empty-dir"));
        Path uni = Files.createDirectories(root.resolve("ünïcödé 日本語 🎉"));
        Files.writeString(uni.resolve("файл.txt"), "привет\n");
        Files.writeString(uni.resolve("x".repeat(240)), "long name\n");
        Path deep = root;
        for (int i = 0; i < 30; i++) {
            deep = deep.resolve("d" + i);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("bottom.txt"), "deep\n");
        Path links = Files.createDirectories(root.resolve("links"));
        Files.writeString(links.resolve("target.txt"), "link target\n");
        Files.createLink(links.resolve("hard-2.txt"), links.resolve("target.txt"));
        Files.createLink(root.resolve("hard-3.txt"), links.resolve("target.txt"));
        Files.createSymbolicLink(links.resolve("rel"), Path.of("target.txt"));
        Files.createSymbolicLink(links.resolve("abs-inside"), root.toAbsolutePath().resolve("sizes/text-100"));
        Files.createSymbolicLink(links.resolve("abs-outside"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(links.resolve("dangling"), Path.of("nowhere"));
        Files.createSymbolicLink(links.resolve("to-dir"), Path.of("../sizes"));
        // Fixed times, so trees compare by value.
        long t = 1_700_000_000_000L;
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, FileTime.fromMillis(t += 1234));
                }
            }
        }
        return root;
    }
}
