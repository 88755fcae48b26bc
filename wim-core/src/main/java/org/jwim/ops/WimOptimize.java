package org.jwim.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.OpenOptions;
import org.jwim.Wim;
import org.jwim.write.NewImage;
import org.jwim.write.ProgressListener;
import org.jwim.write.WimWriter;
import org.jwim.write.WriteOptions;

/**
 * Rebuilds a WIM without holes, as {@code wimlib-imagex optimize} does: every image and the blobs
 * they use are written to a new file beside it, which then replaces it atomically. Compressed data
 * is copied as it is unless recompression or another compression type, chunk size or solid
 * setting is asked for; the solid and pipable status stay as they were unless changed.
 */
public final class WimOptimize {
    private WimOptimize() {
    }

    /** Rebuilds the WIM at {@code path} with {@code choices} applied to its own settings. */
    public static void optimize(Path path, WriteChoices choices, boolean check, ProgressListener progress)
            throws IOException {
        try (Wim wim = Wim.open(path, OpenOptions.defaults().withCheckIntegrity(check))) {
            ExistingImages.requireWhole(wim, "optimize");
            WriteOptions o = choices.applyTo(ExistingImages.sameAs(wim));
            List<NewImage> images = new ArrayList<>();
            for (int i = 1; i <= wim.imageCount(); i++) {
                images.add(ExistingImages.unchanged(wim.image(i), wim.xml().images().get(i - 1)));
            }
            WimWriter.create(path, images, o, ExistingImages.rebuildTarget(wim, wim.header().bootIndex()), progress);
        }
    }
}
