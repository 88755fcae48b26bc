package org.jwim.cli;

import org.jwim.compression.CompressionType;

/**
 * The values of --compress TYPE[:LEVEL] and --chunk-size SIZE, read as wimlib-imagex reads them:
 * none, xpress, lzx, lzms or their aliases fast, maximum and recovery (any case), an optional
 * compression level 1..100 after a colon; a chunk size in bytes, optionally with a K, M or G suffix.
 */
record CompressionArg(CompressionType type, int level) {

    static CompressionArg parse(String s) {
        int colon = s.indexOf(':');
        CompressionType t = CaptureSettings.type(colon < 0 ? s : s.substring(0, colon));
        return new CompressionArg(t, colon < 0 ? 0 : CaptureSettings.level(s.substring(colon + 1)));
    }

    /** A chunk size: a power of two, in bytes, "K", "M" or "G" allowed as suffix. */
    static int chunkSize(String s) {
        long shift = 0;
        String digits = s;
        if (!s.isEmpty()) {
            switch (Character.toUpperCase(s.charAt(s.length() - 1))) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                default -> shift = 0;
            }
            if (shift != 0) {
                digits = s.substring(0, s.length() - 1);
            }
        }
        long v;
        try {
            v = Long.parseLong(digits) << shift;
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v <= 0 || v > Integer.MAX_VALUE || Long.bitCount(v) != 1) {
            throw CliException.usage("invalid chunk size \"" + s + "\": must be a power of two (bytes, or with K, M or G)");
        }
        return (int) v;
    }
}
