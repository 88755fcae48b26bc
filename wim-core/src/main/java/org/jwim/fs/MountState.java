package org.jwim.fs;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What an extracted mount records beside its directory: the WIM, the image, read-only or not,
 * the WIM's header when mounted (to notice another writer), whether a commit was under way, and
 * the original tree, one entry per path: its kind, inode number, change time and size (a file
 * whose three are unchanged was not touched: the change time cannot be set back by users) and a
 * link's target. Written to a temporary file and renamed, so it is always whole.
 *
 * @param wim      the WIM file (absolute)
 * @param image    1-based index of the mounted image
 * @param readOnly mounted read-only
 * @param header   SHA-1 (hex) of the WIM's header when mounted or last committed
 * @param status   {@link #MOUNTED} or {@link #COMMITTING}
 * @param entries  the recorded tree by path relative to the directory ('/'-separated)
 */
public record MountState(Path wim, int image, boolean readOnly, String header, String status,
                         Map<String, Entry> entries) {
    public static final String MOUNTED = "mounted";
    /** Set while a commit runs; left behind by a crash (then {@code jwim cleanup} recovers). */
    public static final String COMMITTING = "committing";

    private static final String MAGIC = "jwim-mount 1";

    /**
     * One recorded path.
     *
     * @param type   'd' directory, 'f' regular file, 'l' symbolic link, 'o' anything else
     * @param ino    inode number
     * @param ctime  change time in nanoseconds
     * @param size   size in bytes
     * @param target a link's target, "" otherwise
     */
    public record Entry(char type, long ino, long ctime, long size, String target) {
    }

    /** The state file of the mount at {@code dir}: a hidden file beside it. */
    public static Path fileOf(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".jwim-mount");
    }

    public MountState withStatus(String s) {
        return new MountState(wim, image, readOnly, header, s, entries);
    }

    /** What the tree below {@code dir} is now, as a state file records it. */
    public static Map<String, Entry> scan(Path dir) throws IOException {
        Map<String, Entry> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(dir)) {
                    continue;
                }
                m.put(relative(dir, p), entryOf(p));
            }
        }
        return m;
    }

    static String relative(Path dir, Path p) {
        return dir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    static Entry entryOf(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:ino,ctime,size,mode", LinkOption.NOFOLLOW_LINKS);
        int fmt = (Integer) a.get("mode") & 0170000;
        char type = switch (fmt) {
            case 0040000 -> 'd';
            case 0100000 -> 'f';
            case 0120000 -> 'l';
            default -> 'o';
        };
        String target = type == 'l' ? Files.readSymbolicLink(p).toString() : "";
        FileTime ctime = (FileTime) a.get("ctime");
        return new Entry(type, (Long) a.get("ino"), ctime.to(java.util.concurrent.TimeUnit.NANOSECONDS),
                type == 'f' ? (Long) a.get("size") : 0, target);
    }

    /** Writes the state file of the mount at {@code dir} (atomically). */
    public void write(Path dir) throws IOException {
        Path file = fileOf(dir);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(MAGIC + "\n");
            w.write("wim=" + escape(wim.toString()) + "\n");
            w.write("image=" + image + "\n");
            w.write("readOnly=" + readOnly + "\n");
            w.write("header=" + header + "\n");
            w.write("status=" + status + "\n");
            w.write("entries\n");
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                Entry v = e.getValue();
                w.write(v.type() + "\t" + v.ino() + "\t" + v.ctime() + "\t" + v.size() + "\t" + escape(v.target()) + "\t"
                        + escape(e.getKey()) + "\n");
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the state file of the mount at {@code dir}. */
    public static MountState read(Path dir) throws IOException {
        Path file = fileOf(dir);
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no mount at " + dir.toAbsolutePath()
                    + " (its state file is missing)");
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (!MAGIC.equals(r.readLine())) {
                throw new IOException(file + " is not a jwim mount state file");
            }
            Map<String, String> props = new TreeMap<>();
            for (String line; (line = r.readLine()) != null && !line.equals("entries"); ) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    props.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            Map<String, Entry> entries = new TreeMap<>();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                if (f.length != 6 || f[0].length() != 1) {
                    throw new IOException(file + ": damaged entry line: " + line);
                }
                entries.put(unescape(f[5]), new Entry(f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3]), unescape(f[4])));
            }
            String wim = props.get("wim");
            if (wim == null || props.get("image") == null) {
                throw new IOException(file + " is damaged: it names no WIM or image");
            }
            return new MountState(Path.of(unescape(wim)), Integer.parseInt(props.get("image")),
                    Boolean.parseBoolean(props.get("readOnly")), props.getOrDefault("header", ""),
                    props.getOrDefault("status", MOUNTED), entries);
        } catch (NumberFormatException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
