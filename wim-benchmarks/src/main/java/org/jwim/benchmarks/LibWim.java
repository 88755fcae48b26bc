package org.jwim.benchmarks;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import org.jwim.compression.CompressionType;

/**
 * A JNA binding of libwim's public compression API ({@code wimlib_create_compressor},
 * {@code wimlib_compress}, {@code wimlib_create_decompressor}, {@code wimlib_decompress} and the
 * matching frees), used to make chunks with wimlib's own compressors and to time wimlib's
 * decompressors beside jwim's.
 *
 * <p>The library is loaded on first use; when it cannot be, {@link #available()} is false and
 * {@link #unavailableReason()} says why, and every other entry point throws
 * {@link IllegalStateException} with that reason.
 *
 * <p>Calls use JNA's direct mapping (static natives bound once), the cheapest call path JNA has.
 * The {@link Pointer} methods work on native memory the caller owns and copy nothing; the
 * {@code byte[]} conveniences copy through native buffers the handle owns.
 */
public final class LibWim {
    /** The soname of libwim 1.x, tried first; then the plain name "wim" (needs libwim.so). */
    public static final String SONAME = "libwim.so.15";

    private LibWim() {
    }

    /** Whether libwim could be loaded and bound. */
    public static boolean available() {
        return Binding.REASON == null;
    }

    /** Why libwim is not available, or {@code null} when it is. */
    public static String unavailableReason() {
        return Binding.REASON;
    }

    private static void requireAvailable() {
        if (!available()) {
            throw new IllegalStateException("libwim is not available: " + Binding.REASON);
        }
    }

    /** wimlib's name for an error code, e.g. "The compression type is invalid". */
    public static String errorString(int code) {
        requireAvailable();
        return Binding.wimlib_get_error_string(code);
    }

    private static int ctype(CompressionType type) {
        if (type == CompressionType.NONE) {
            throw new IllegalArgumentException("wimlib has no codec for " + type);
        }
        // wimlib's enum wimlib_compression_type uses the solid-header numbers.
        return type.solidFormat();
    }

    /** A native compressor or decompressor handle with the parameters it was made with. */
    private abstract static class Handle implements AutoCloseable {
        private final CompressionType type;
        private final int maxBlockSize;
        private Pointer handle;

        Handle(CompressionType type, int maxBlockSize, Pointer handle) {
            this.type = type;
            this.maxBlockSize = maxBlockSize;
            this.handle = handle;
        }

        public final CompressionType type() {
            return type;
        }

        public final int maxBlockSize() {
            return maxBlockSize;
        }

        final Pointer open() {
            if (handle == null) {
                throw new IllegalStateException(getClass().getSimpleName() + " is closed");
            }
            return handle;
        }

        /** Frees the native handle and the buffers the subclass owns. */
        abstract void free(Pointer handle);

        @Override
        public final void close() {
            if (handle != null) {
                free(handle);
                handle = null;
            }
        }

        static void checkBlockSize(int maxBlockSize) {
            if (maxBlockSize <= 0) {
                throw new IllegalArgumentException("block size " + maxBlockSize);
            }
        }
    }

    /**
     * A wimlib compressor ({@code wimlib_create_compressor}); not thread-safe, close it to free
     * the native state.
     */
    public static final class Compressor extends Handle {
        private final Memory in;
        private final Memory out;

        /**
         * @param level wimlib's compression level, 0 for its default (50)
         * @throws IllegalStateException when libwim is missing or refuses the parameters
         */
        public Compressor(CompressionType type, int maxBlockSize, int level) {
            super(type, maxBlockSize, create(type, maxBlockSize, level));
            this.in = new Memory(maxBlockSize);
            this.out = new Memory(maxBlockSize);
        }

        private static Pointer create(CompressionType type, int maxBlockSize, int level) {
            requireAvailable();
            checkBlockSize(maxBlockSize);
            if (level < 0) {
                throw new IllegalArgumentException("level " + level);
            }
            PointerByReference ref = new PointerByReference();
            int rc = Binding.wimlib_create_compressor(ctype(type), maxBlockSize, level, ref);
            if (rc != 0) {
                throw new IllegalStateException("wimlib_create_compressor(" + type + ", " + maxBlockSize
                        + ", " + level + ") failed: " + Binding.wimlib_get_error_string(rc));
            }
            return ref.getValue();
        }

        /**
         * Compresses {@code inSize} bytes at {@code src} into at most {@code outAvail} bytes at
         * {@code dst}.
         *
         * @return the compressed size, or 0 when it would not fit in {@code outAvail}
         */
        public long compress(Pointer src, long inSize, Pointer dst, long outAvail) {
            return Binding.wimlib_compress(src, inSize, dst, outAvail, open());
        }

        /**
         * Compresses {@code data[off, off + len)}.
         *
         * @return the compressed bytes, or {@code null} when they would not be smaller than the
         *         input (wimlib then stores the chunk raw)
         */
        public byte[] compress(byte[] data, int off, int len) {
            if (len <= 0 || len > maxBlockSize()) {
                throw new IllegalArgumentException("length " + len + " outside 1.." + maxBlockSize());
            }
            in.write(0, data, off, len);
            long n = compress(in, len, out, len - 1L);
            if (n == 0) {
                return null;
            }
            return out.getByteArray(0, (int) n);
        }

        @Override
        void free(Pointer handle) {
            Binding.wimlib_free_compressor(handle);
            in.close();
            out.close();
        }
    }

    /**
     * A wimlib decompressor ({@code wimlib_create_decompressor}); not thread-safe, close it to
     * free the native state.
     */
    public static final class Decompressor extends Handle {
        private Memory in;
        private Memory out;

        /** @throws IllegalStateException when libwim is missing or refuses the parameters */
        public Decompressor(CompressionType type, int maxBlockSize) {
            super(type, maxBlockSize, create(type, maxBlockSize));
        }

        private static Pointer create(CompressionType type, int maxBlockSize) {
            requireAvailable();
            checkBlockSize(maxBlockSize);
            PointerByReference ref = new PointerByReference();
            int rc = Binding.wimlib_create_decompressor(ctype(type), maxBlockSize, ref);
            if (rc != 0) {
                throw new IllegalStateException("wimlib_create_decompressor(" + type + ", " + maxBlockSize
                        + ") failed: " + Binding.wimlib_get_error_string(rc));
            }
            return ref.getValue();
        }

        /**
         * Decodes {@code inSize} bytes at {@code src} into exactly {@code outSize} bytes at
         * {@code dst}: the bare native call, nothing copied.
         *
         * @return {@code true} on success, {@code false} when wimlib finds the data invalid
         */
        public boolean decompress(Pointer src, long inSize, Pointer dst, long outSize) {
            return Binding.wimlib_decompress(src, inSize, dst, outSize, open()) == 0;
        }

        /**
         * Decodes {@code in[inOff, inOff + inLen)} into exactly {@code outLen} bytes at
         * {@code out[outOff]}, copying through native buffers.
         *
         * @return {@code true} on success, {@code false} when wimlib finds the data invalid
         */
        public boolean decompress(byte[] src, int inOff, int inLen, byte[] dst, int outOff, int outLen) {
            Pointer handle = open();
            if (outLen <= 0 || outLen > maxBlockSize() || inLen <= 0) {
                throw new IllegalArgumentException("in " + inLen + ", out " + outLen + ", max " + maxBlockSize());
            }
            if (in == null || in.size() < inLen) {
                if (in != null) {
                    in.close();
                }
                in = new Memory(Math.max(inLen, maxBlockSize()));
            }
            if (out == null) {
                out = new Memory(maxBlockSize());
            }
            in.write(0, src, inOff, inLen);
            if (Binding.wimlib_decompress(in, inLen, out, outLen, handle) != 0) {
                return false;
            }
            out.read(0, dst, outOff, outLen);
            return true;
        }

        @Override
        void free(Pointer handle) {
            Binding.wimlib_free_decompressor(handle);
            if (in != null) {
                in.close();
            }
            if (out != null) {
                out.close();
            }
        }
    }

    /**
     * The natives, bound when this class initialises. size_t is passed as a Java long, so the
     * binding refuses platforms whose size_t is not 64 bits.
     */
    private static final class Binding {
        static final String REASON = bind();

        private static String bind() {
            try {
                if (Native.SIZE_T_SIZE != Long.BYTES) {
                    return "size_t is " + Native.SIZE_T_SIZE + " bytes here; this binding needs 8";
                }
                NativeLibrary lib = load();
                Native.register(Binding.class, lib);
                return null;
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | IllegalStateException e) {
                return "cannot load " + SONAME + " (install libwim15 or libwim-dev): " + e.getMessage();
            }
        }

        private static NativeLibrary load() {
            try {
                return NativeLibrary.getInstance(SONAME);
            } catch (UnsatisfiedLinkError first) {
                try {
                    return NativeLibrary.getInstance("wim");
                } catch (UnsatisfiedLinkError second) {
                    first.addSuppressed(second);
                    throw first;
                }
            }
        }

        static native int wimlib_create_compressor(int ctype, long maxBlockSize, int level,
                PointerByReference compressorRet);

        static native long wimlib_compress(Pointer uncompressed, long uncompressedSize, Pointer compressed,
                long compressedSizeAvail, Pointer compressor);

        static native void wimlib_free_compressor(Pointer compressor);

        static native int wimlib_create_decompressor(int ctype, long maxBlockSize,
                PointerByReference decompressorRet);

        static native int wimlib_decompress(Pointer compressed, long compressedSize, Pointer uncompressed,
                long uncompressedSize, Pointer decompressor);

        static native void wimlib_free_decompressor(Pointer decompressor);

        static native String wimlib_get_error_string(int code);
    }
}
