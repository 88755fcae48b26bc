package org.jwim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jwim.compression.CompressionType;
import org.jwim.ops.Capture;
import org.jwim.ops.CaptureConfig;
import org.jwim.ops.ImageCapture;
import org.jwim.write.WriteOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments and options {@code capture} and {@code append} share, named as in wimlib-imagex. */
final class CaptureSettings {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "The directory to capture.")
    String source;

    @Parameters(index = "1", paramLabel = "WIM", description = "The WIM file to write.")
    String wim;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NAME",
            description = "Image name (default: the source directory's name).")
    String name;

    @Parameters(index = "3", arity = "0..1", paramLabel = "DESCRIPTION", description = "Image description.")
    String description;

    @Option(names = "--compress", paramLabel = "TYPE[:LEVEL]",
            description = "none, xpress (fast), lzx (maximum, the default) or lzms (recovery), with an optional "
                    + "level 1-100 (default 50).")
    String compress;

    @Option(names = "--chunk-size", paramLabel = "SIZE", description = "Chunk size of non-solid resources.")
    String chunkSize;

    @Option(names = "--solid", description = "Write file data in solid resources (an ESD), LZMS by default.")
    boolean solid;

    @Option(names = "--solid-compress", paramLabel = "TYPE[:LEVEL]", description = "Compression of solid resources.")
    String solidCompress;

    @Option(names = "--solid-chunk-size", paramLabel = "SIZE", description = "Chunk size of solid resources (64 MiB).")
    String solidChunkSize;

    @Option(names = "--threads", paramLabel = "N", description = "Compression threads (default: one per CPU).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--unix-data", description = "Store UNIX owners, groups, modes and special files.")
    boolean unixData;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A capture configuration file ([ExclusionList], [ExclusionException]).")
    String config;

    @Option(names = "--boot", description = "Make the new image the bootable one.")
    boolean boot;

    @Option(names = "--check", description = "Write an integrity table.")
    boolean check;

    @Option(names = "--nocheck", description = "Do not write an integrity table (append: drop an existing one).")
    boolean nocheck;

    @Option(names = "--pipable", description = "Write a pipable WIM (wimlib's format; not for Microsoft's tools).")
    boolean pipable;

    @Option(names = "--image-property", paramLabel = "NAME=VALUE",
            description = "Set an XML property of the new image, e.g. WINDOWS/EDITIONID=Professional (repeatable).")
    List<String> properties = List.of();

    @Option(names = "--flags", paramLabel = "EDITIONID", description = "The image's FLAGS property.")
    String flags;

    @Option(names = "--dereference", description = "Follow symbolic links and capture what they point at.")
    boolean dereference;

    @Option(names = "--norpfix", description = "Store absolute symbolic links as they are (no reparse-point fixing).")
    boolean norpfix;

    @Option(names = "--rpfix", description = "Fix absolute symbolic links into the tree (the default).")
    boolean rpfix;

    @Option(names = "--quiet", description = "Print no progress.")
    boolean quiet;

    Path sourcePath() {
        return Path.of(source);
    }

    /** Fails as wimlib-imagex does when SOURCE is not a directory. */
    void requireSourceDirectory() {
        if (!java.nio.file.Files.isDirectory(sourcePath())) {
            throw CliException.failure("\"" + source + "\" is not a directory");
        }
    }

    Path wimPath() {
        return Path.of(wim);
    }

    ImageCapture.Description description() {
        Map<String, String> props = new LinkedHashMap<>();
        if (flags != null) {
            props.put("FLAGS", flags);
        }
        for (String p : properties) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("--image-property needs NAME=VALUE, not \"" + p + "\"");
            }
            props.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return new ImageCapture.Description(name, description, props, boot);
    }

    Capture.Options captureOptions(PrintStream err) throws IOException {
        CaptureConfig cfg = config == null ? CaptureConfig.none() : CaptureConfig.read(Path.of(config));
        return Capture.Options.defaults().withUnixData(unixData).withDereference(dereference).withRpFix(!norpfix)
                .withConfig(cfg).withProgress(Progress.forStderr(err, quiet));
    }

    WriteOptions writeOptions() {
        CompressionType type = CompressionType.LZX;
        int level = 50;
        if (compress != null) {
            String[] tl = splitLevel(compress);
            type = type(tl[0]);
            if (tl[1] != null) {
                level = level(tl[1]);
            }
        } else if (solid) {
            type = CompressionType.LZMS;
        }
        WriteOptions o = WriteOptions.defaults().withCompression(type, chunkSize == null ? 0 : size(chunkSize, type))
                .withLevel(level).withThreads(Math.max(1, threads)).withIntegrity(check).withPipable(pipable);
        if (solid) {
            CompressionType st = CompressionType.LZMS;
            if (solidCompress != null) {
                String[] tl = splitLevel(solidCompress);
                st = type(tl[0]);
                if (tl[1] != null) {
                    o = o.withLevel(level(tl[1]));
                }
            }
            if (st == CompressionType.NONE) {
                throw CliException.usage("solid resources must be compressed");
            }
            int scs = solidChunkSize == null ? (st == CompressionType.LZMS ? 1 << 26 : st.defaultChunkSize())
                    : size(solidChunkSize, st);
            o = o.withSolid(st, scs);
        }
        return o;
    }

    private static String[] splitLevel(String s) {
        int c = s.indexOf(':');
        return c < 0 ? new String[] {s, null} : new String[] {s.substring(0, c), s.substring(c + 1)};
    }

    static CompressionType type(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "none" -> CompressionType.NONE;
            case "xpress", "fast" -> CompressionType.XPRESS;
            case "lzx", "maximum" -> CompressionType.LZX;
            case "lzms", "recovery" -> CompressionType.LZMS;
            default -> throw CliException.usage("unknown compression type \"" + s + "\" (none, xpress, lzx or lzms)");
        };
    }

    static int level(String s) {
        try {
            int l = Integer.parseInt(s);
            if (l >= 1 && l <= 100) {
                return l;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw CliException.usage("compression level must be 1 to 100, not \"" + s + "\"");
    }

    static int size(String s, CompressionType type) {
        long v;
        try {
            String t = s.trim().toUpperCase(Locale.ROOT);
            long mul = 1;
            if (t.endsWith("K")) {
                mul = 1 << 10;
            } else if (t.endsWith("M")) {
                mul = 1 << 20;
            } else if (t.endsWith("G")) {
                mul = 1 << 30;
            }
            if (mul != 1) {
                t = t.substring(0, t.length() - 1);
            }
            v = Long.parseLong(t) * mul;
        } catch (NumberFormatException e) {
            throw CliException.usage("invalid chunk size \"" + s + "\"");
        }
        if (!type.isValidChunkSize(v)) {
            throw CliException.usage("chunk size " + v + " is not valid for " + type.name().toLowerCase(Locale.ROOT)
                    + " (a power of two from " + type.minChunkSize() + " to " + type.maxChunkSize() + ")");
        }
        return (int) v;
    }

    /** An integrity choice for append: true, false, or null to keep what the WIM has. */
    Boolean integrityChoice() {
        return check ? Boolean.TRUE : nocheck ? Boolean.FALSE : null;
    }
}
