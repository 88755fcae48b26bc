package org.jwim.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jwim.OpenOptions;
import org.jwim.Wim;
import org.jwim.format.XmlElement;
import org.jwim.write.ImageSlot;
import org.jwim.write.NewImage;
import org.jwim.write.ProgressListener;
import org.jwim.write.WimWriter;
import org.jwim.write.WriteOptions;

/**
 * Deletes images from a WIM, as {@code wimlib-imagex delete} does: by default the WIM is rebuilt
 * without them (beside itself, then renamed over: no holes left); a soft delete (DISM's
 * /Delete-Image) only drops their metadata entries and XML and lowers the blobs' reference counts,
 * committing in append mode (header last): as with wimlib, blobs no image needs any more keep
 * their entries (count 0) and their data stays in the file until an optimize.
 */
public final class ImageDelete {
    private ImageDelete() {
    }

    /**
     * Deletes images {@code indexes} (1-based) of the WIM at {@code path}. The boot index follows its
     * image (0 when the boot image is deleted).
     *
     * @param soft      soft delete instead of a rebuild
     * @param integrity write an integrity table (null: keep one if there is one)
     * @param check     verify the integrity table (if any) first
     */
    public static void delete(Path path, List<Integer> indexes, boolean soft, Boolean integrity, boolean check,
                              ProgressListener progress) throws IOException {
        Set<Integer> gone = new TreeSet<>(indexes);
        List<ImageSlot> kept = new ArrayList<>();
        try (Wim wim = Wim.open(path, OpenOptions.defaults().withCheckIntegrity(check))) {
            ExistingImages.requireWhole(wim, "delete");
            ExistingImages.checkIndexes(wim, indexes);
            List<XmlElement> xml = wim.xml().images();
            int boot = wim.header().bootIndex();
            int newBoot = 0;
            List<NewImage> images = new ArrayList<>();
            for (int i = 1; i <= wim.imageCount(); i++) {
                if (gone.contains(i)) {
                    continue;
                }
                kept.add(new ImageSlot.Kept(i, xml.get(i - 1)));
                if (i == boot) {
                    newBoot = kept.size();
                }
                if (!soft || wim.header().pipable()) {
                    images.add(ExistingImages.unchanged(wim.image(i), xml.get(i - 1)));
                }
            }
            if (!soft || wim.header().pipable()) {
                WriteOptions o = ExistingImages.sameAs(wim);
                if (integrity != null) {
                    o = o.withIntegrity(integrity);
                }
                WimWriter.create(path, images, o, ExistingImages.rebuildTarget(wim, newBoot), progress);
                return;
            }
        }
        WimWriter.commit(path, kept, WriteOptions.defaults(), -1, integrity, true, 0, progress);
    }
}
