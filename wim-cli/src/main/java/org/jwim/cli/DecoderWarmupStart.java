package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import org.jwim.compression.DecoderWarmup;
import org.jwim.compression.CompressionType;
import org.jwim.format.WimHeader;
import org.jwim.io.WimPart;

/**
 * Starts {@link DecoderWarmup} for a command about to decode a whole image of a large WIM, before
 * picocli has even parsed the command line: the JVM is cold and one core idles while the main
 * thread parses options and reads the WIM's metadata.
 *
 * <p>apply, extract and verify warm the decoder the WIM's header names (LZMS for a solid WIM),
 * when the WIM (the first argument after the command that is an existing file) is large. Only its
 * 208-byte header is read here, and nothing is started on a single core or when the system
 * property {@value #MILLIS_PROPERTY} is 0. (Warming the compressor for capture was tried too: it
 * made no measurable difference, the capture's own start-up being short.)
 */
final class DecoderWarmupStart {
    /** Commands that decode (nearly) every byte they touch. */
    private static final Set<String> DECODING = Set.of("apply", "extract", "verify");
    /** Below this, an apply is short and mostly start-up: warming would only compete with it. */
    static final long MIN_WIM_SIZE = 16L << 20;
    static final String MILLIS_PROPERTY = "jwim.warmup.millis";
    private static final long DEFAULT_MILLIS = 350;
    /** Solid resources' chunks are this large as wimlib writes them by default; decoders size tables by it. */
    private static final int SOLID_CHUNK_SIZE = 64 << 20;

    private DecoderWarmupStart() {
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
        if (i == args.length || !DECODING.contains(args[i])) {
            return null;
        }
        try {
            Path wim = firstFile(args, i + 1);
            return wim == null ? null : startDecoding(wim, millis);
        } catch (IOException | RuntimeException e) {
            return null; // the command itself will report what is wrong with the file
        }
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

    private static Thread startDecoding(Path wim, long millis) throws IOException {
        try (WimPart part = WimPart.open(wim)) {
            if (part.size() < MIN_WIM_SIZE) {
                return null;
            }
            WimHeader h = WimHeader.parse(part, 0, part.read(0, WimHeader.SIZE, "WIM header"), null);
            if (h.version() == WimHeader.VERSION_SOLID) {
                return DecoderWarmup.start(CompressionType.LZMS, SOLID_CHUNK_SIZE, millis);
            }
            return DecoderWarmup.start(h.compressionType(), h.chunkSize(), millis);
        }
    }
}
