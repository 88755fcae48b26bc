package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import org.jwim.compression.CodecWarmup;
import org.jwim.compression.CompressionType;
import org.jwim.format.WimHeader;
import org.jwim.io.WimPart;
import org.jwim.write.WriteOptions;

/**
 * Starts {@link CodecWarmup} for a command about to decode or compress a lot of data, before
 * picocli has even parsed the command line: the JVM is cold and one core idles while the main
 * thread parses options, reads the WIM's metadata or scans the source.
 *
 * <p>apply, extract and verify warm the decoder the WIM's header names (LZMS for a solid WIM),
 * when the WIM (the first argument after the command that is an existing file) is large;
 * capture and append the compressor their compression options name (append without them: the
 * WIM's). Only the 208-byte header is read here, and nothing is started on a single core or when
 * the system property {@value #MILLIS_PROPERTY} is 0. A guess that turns out wrong (options
 * picocli will refuse) costs only the otherwise idle core's time.
 */
final class CodecWarmupStart {
    /** Commands that decode (nearly) every byte they touch. */
    private static final Set<String> DECODING = Set.of("apply", "extract", "verify");
    private static final Set<String> COMPRESSING = Set.of("capture", "append");
    /** Below this, an apply is short and mostly start-up: warming would only compete with it. */
    static final long MIN_WIM_SIZE = 16L << 20;
    static final String MILLIS_PROPERTY = "jwim.warmup.millis";
    private static final long DEFAULT_MILLIS = 350;
    /** Solid resources' chunks are this large as wimlib writes them by default; decoders size tables by it. */
    private static final int SOLID_CHUNK_SIZE = 64 << 20;

    private CodecWarmupStart() {
    }

    /** Starts the warm-up these arguments call for, if any; never throws. */
    static Thread start(String[] args) {
        long millis = Long.getLong(MILLIS_PROPERTY, DEFAULT_MILLIS);
        if (millis <= 0 || Runtime.getRuntime().availableProcessors() < 2) {
            return null;
        }
        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            i++;
        }
        if (i == args.length) {
            return null;
        }
        try {
            if (DECODING.contains(args[i])) {
                Path wim = firstFile(args, i + 1);
                return wim == null ? null : startDecoding(wim, millis);
            }
            if (COMPRESSING.contains(args[i])) {
                return startCompressing(args, i + 1, args[i].equals("append"), millis);
            }
        } catch (IOException | RuntimeException e) {
            // the command itself will report what is wrong with its arguments or the file
        }
        return null;
    }

    private static Path firstFile(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                try {
                    Path p = Path.of(args[i]);
                    if (Files.isRegularFile(p)) {
                        return p;
                    }
                } catch (InvalidPathException e) {
                    // not a file name
                }
            }
        }
        return null;
    }

    private static WimHeader header(WimPart part) throws IOException {
        return WimHeader.parse(part, 0, part.read(0, WimHeader.SIZE, "WIM header"), null);
    }

    private static Thread startDecoding(Path wim, long millis) throws IOException {
        try (WimPart part = WimPart.open(wim)) {
            if (part.size() < MIN_WIM_SIZE) {
                return null;
            }
            WimHeader h = header(part);
            if (h.version() == WimHeader.VERSION_SOLID) {
                return CodecWarmup.startDecoding(CompressionType.LZMS, SOLID_CHUNK_SIZE, millis);
            }
            return CodecWarmup.startDecoding(h.compressionType(), h.chunkSize(), millis);
        }
    }

    /** The compression capture/append options name, read with {@link CaptureSettings}' own rules. */
    private static Thread startCompressing(String[] args, int from, boolean append, long millis) throws IOException {
        CaptureSettings s = new CaptureSettings();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            boolean takesValue = !name.equals("--solid") && a.startsWith("--");
            String value = eq >= 0 ? a.substring(eq + 1) : takesValue && i + 1 < args.length ? args[i + 1] : null;
            switch (name) {
                case "--compress" -> s.compress = value;
                case "--chunk-size" -> s.chunkSize = value;
                case "--solid" -> s.solid = true;
                case "--solid-compress" -> s.solidCompress = value;
                case "--solid-chunk-size" -> s.solidChunkSize = value;
                default -> {
                    continue;
                }
            }
            if (eq < 0 && takesValue) {
                i++;
            }
        }
        if (append && s.compress == null && !s.solid) {
            Path wim = firstFile(args, from);
            if (wim == null) {
                return null;
            }
            try (WimPart part = WimPart.open(wim)) {
                WimHeader h = header(part);
                return CodecWarmup.startCompressing(h.compressionType(), h.chunkSize(), 50, millis);
            }
        }
        WriteOptions o = s.writeOptions();
        if (o.solid()) {
            return CodecWarmup.startCompressing(o.solidCompression(), o.solidChunkSize(), o.level(), millis);
        }
        return CodecWarmup.startCompressing(o.compression(), o.chunkSize(), o.level(), millis);
    }
}
