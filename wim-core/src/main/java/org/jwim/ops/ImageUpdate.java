package org.jwim.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.OpenOptions;
import org.jwim.Wim;
import org.jwim.format.XmlElement;
import org.jwim.image.ImageTree;
import org.jwim.write.ImageSlot;
import org.jwim.write.NewImage;
import org.jwim.write.PendingStream;
import org.jwim.write.ProgressListener;
import org.jwim.write.WimWriter;
import org.jwim.write.WriteOptions;

/**
 * Adds, deletes and renames files in an image of a WIM, as {@code wimlib-imagex update} does. By
 * default the change is committed in append mode: the new files' blobs and the image's new
 * metadata go after everything the old header points at, then a blob table in which the image's
 * metadata entry is replaced (the others kept, reference counts recounted), the XML
 * (the image's counts and modification time brought up to date) and the header last. With
 * {@code rebuild} (and always for a pipable WIM) the WIM is rewritten beside itself and renamed over.
 */
public final class ImageUpdate {
    private ImageUpdate() {
    }

    /**
     * How to commit.
     *
     * @param rebuild   rewrite the whole WIM instead of appending
     * @param integrity write an integrity table (null: keep one if there is one)
     * @param check     verify the integrity table (if any) first
     * @param threads   compression threads (0: one per processor)
     */
    public record Options(boolean rebuild, Boolean integrity, boolean check, int threads) {
        public static Options defaults() {
            return new Options(false, null, false, 0);
        }

        public Options withRebuild(boolean r) {
            return new Options(r, integrity, check, threads);
        }

        public Options withIntegrity(Boolean i) {
            return new Options(rebuild, i, check, threads);
        }

        public Options withCheck(boolean c) {
            return new Options(rebuild, integrity, c, threads);
        }

        public Options withThreads(int n) {
            return new Options(rebuild, integrity, check, n);
        }
    }

    /**
     * Applies {@code commands} in order to image {@code image} (1-based) of the WIM at {@code path}.
     * If a command fails, nothing is written.
     *
     * @return warnings of the scans (files left out and the like)
     */
    public static List<String> update(Path path, int image, List<UpdateCommand> commands, Options o,
                                      ProgressListener progress) throws IOException {
        List<ImageSlot> slots = new ArrayList<>();
        List<String> warnings;
        WriteOptions options;
        try (Wim wim = Wim.open(path, OpenOptions.defaults().withCheckIntegrity(o.check()))) {
            ExistingImages.requireWhole(wim, "update");
            ExistingImages.checkIndexes(wim, List.of(image));
            ImageTree before = wim.image(image).tree();
            ImageEditor editor = new ImageEditor(before, image);
            for (UpdateCommand c : commands) {
                editor.apply(c);
            }
            warnings = editor.warnings();
            ImageTree tree = editor.tree(before);
            List<PendingStream> pending = new ArrayList<>(editor.pending());
            pending.removeIf(p -> p.inode().links().isEmpty());
            XmlElement xml = wim.xml().images().get(image - 1);
            options = ExistingImages.sameAs(wim);
            if (o.threads() > 0) {
                options = options.withThreads(o.threads());
            }
            if (o.rebuild() || wim.header().pipable()) {
                // The image's old streams are copied too (added files have no hash yet, so are not among them).
                List<PendingStream> all = new ArrayList<>(pending);
                all.addAll(ExistingImages.streamsOf(wim, tree));
                List<NewImage> images = new ArrayList<>();
                for (int i = 1; i <= wim.imageCount(); i++) {
                    images.add(i == image ? new NewImage(tree, all, xml)
                            : ExistingImages.unchanged(wim.image(i), wim.xml().images().get(i - 1)));
                }
                if (o.integrity() != null) {
                    options = options.withIntegrity(o.integrity());
                }
                WimWriter.create(path, images, options, ExistingImages.rebuildTarget(wim, wim.header().bootIndex()),
                        progress);
                return warnings;
            }
            for (int i = 1; i <= wim.imageCount(); i++) {
                slots.add(i == image ? new ImageSlot.Fresh(new NewImage(tree, pending, xml))
                        : new ImageSlot.Kept(i, wim.xml().images().get(i - 1)));
            }
        }
        WimWriter.commit(path, slots, options, -1, o.integrity(), true, 0, progress);
        return warnings;
    }
}
