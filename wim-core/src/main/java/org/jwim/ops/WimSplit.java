package org.jwim.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jwim.OpenOptions;
import org.jwim.Wim;
import org.jwim.WimFormatException;
import org.jwim.format.BlobDescriptor;
import org.jwim.write.NewImage;
import org.jwim.write.ProgressListener;
import org.jwim.write.WimBlobSource;
import org.jwim.write.WimWriter;
import org.jwim.write.WriteOptions;

/**
 * Splits a WIM into a spanned set of parts ({@code .swm}) and joins such a set into one WIM, as
 * {@code wimlib-imagex split} and {@code join} (DISM's /Split-Image) do. Neither changes its input;
 * each output file is written beside its final name and renamed into place when complete.
 */
public final class WimSplit {
    private WimSplit() {
    }

    /**
     * Splits the WIM at {@code path} into parts of at most {@code maxPartSize} bytes of resources
     * (a part grows beyond it only for a single resource that is larger): part 1 is
     * {@code firstPart}, part n is its name with n inserted before the extension
     * ({@code install.swm}, {@code install2.swm}, ...). Part 1 holds every image's metadata;
     * the blobs follow in file order. Resources are copied as they are (a pipable WIM's are laid
     * out as a normal WIM's). Solid resources cannot be split (as in wimlib).
     *
     * @return the parts written, in order
     */
    public static List<Path> split(Path path, Path firstPart, long maxPartSize, boolean integrity, boolean check,
                                   ProgressListener progress) throws IOException {
        if (maxPartSize <= 0) {
            throw new IllegalArgumentException("the part size must be positive");
        }
        try (Wim wim = Wim.open(path, OpenOptions.defaults().withCheckIntegrity(check))) {
            ExistingImages.requireWhole(wim, "split");
            List<BlobDescriptor> blobs = new ArrayList<>();
            for (BlobDescriptor b : wim.blobTable().blobs()) {
                if (b.isInSolidResource()) {
                    throw new WimFormatException(path, -1, "a WIM with solid resources cannot be split;"
                            + " export it without --solid first");
                }
                if (!b.isMetadata()) {
                    blobs.add(b);
                }
            }
            blobs.sort(Comparator.comparingLong(b -> b.resource().header().offset()));
            List<WimBlobSource> metadata = new ArrayList<>();
            long size = 0;
            for (int i = 1; i <= wim.imageCount(); i++) {
                BlobDescriptor m = wim.image(i).metadataBlob();
                metadata.add(WimBlobSource.of(m, wim.header()));
                size += m.resource().header().sizeInWim();
            }
            // wimlib's rule: a part takes blobs until the next would reach the size, but never stays empty.
            List<List<WimBlobSource>> parts = new ArrayList<>();
            List<WimBlobSource> current = new ArrayList<>();
            parts.add(current);
            for (BlobDescriptor b : blobs) {
                long stored = b.resource().header().sizeInWim();
                if (size + stored >= maxPartSize && size != 0) {
                    current = new ArrayList<>();
                    parts.add(current);
                    size = 0;
                }
                current.add(WimBlobSource.of(b, wim.header()));
                size += stored;
            }
            if (parts.size() > 0xFFFF) {
                throw new IllegalArgumentException("the part size is too small: " + parts.size() + " parts");
            }
            byte[] guid = new byte[16];
            new SecureRandom().nextBytes(guid);
            List<Path> names = new ArrayList<>();
            for (int n = 1; n <= parts.size(); n++) {
                Path target = partName(firstPart, n);
                WimWriter.createPart(target, wim, new WimWriter.Part(n, parts.get(n - 1),
                        n == 1 ? metadata : List.of()), parts.size(), guid, integrity, progress);
                names.add(target);
            }
            return names;
        }
    }

    /** The name of part {@code n}: the first part's name with n before the extension (none for part 1). */
    public static Path partName(Path firstPart, int n) {
        if (n == 1) {
            return firstPart;
        }
        String name = firstPart.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot < 0 ? name + n : name.substring(0, dot) + n + name.substring(dot);
        return firstPart.resolveSibling(numbered);
    }

    /**
     * Joins the parts of a split set (any order; all of them) into one WIM at {@code out}, copying
     * the resources as they are.
     *
     * @param integrity write an integrity table (null: if the parts have one)
     * @param check     verify the parts' integrity tables first
     */
    public static void join(Path out, List<Path> parts, Boolean integrity, boolean check, ProgressListener progress)
            throws IOException {
        try (Wim wim = Wim.openParts(parts)) {
            int total = wim.header().totalParts();
            if (wim.partNumbers().size() != total) {
                List<Integer> missing = new ArrayList<>();
                for (int i = 1; i <= total; i++) {
                    if (!wim.partNumbers().contains(i)) {
                        missing.add(i);
                    }
                }
                throw new WimFormatException(wim.path(), 0x28, "the split set has " + total + " parts, but part"
                        + (missing.size() == 1 ? " " : "s ") + missing + (missing.size() == 1 ? " is" : " are")
                        + " missing");
            }
            if (check) {
                List<String> problems = wim.checkIntegrity();
                if (!problems.isEmpty()) {
                    throw new WimFormatException(wim.path(), -1, String.join("; ", problems));
                }
            }
            List<NewImage> images = new ArrayList<>();
            for (int i = 1; i <= wim.imageCount(); i++) {
                images.add(ExistingImages.unchanged(wim.image(i), wim.xml().images().get(i - 1)));
            }
            WriteOptions o = ExistingImages.sameAs(wim);
            if (integrity != null) {
                o = o.withIntegrity(integrity);
            }
            WimWriter.create(out, images, o, ExistingImages.rebuildTarget(wim, wim.header().bootIndex()), progress);
        }
    }
}
