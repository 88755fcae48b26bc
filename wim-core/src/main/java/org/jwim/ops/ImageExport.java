package org.jwim.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.ImageInfo;
import org.jwim.OpenOptions;
import org.jwim.Wim;
import org.jwim.compression.CompressionType;
import org.jwim.format.WimHeader;
import org.jwim.format.XmlElement;
import org.jwim.write.ImageSlot;
import org.jwim.write.NewImage;
import org.jwim.write.ProgressListener;
import org.jwim.write.WimWriter;
import org.jwim.write.WriteOptions;

/**
 * Copies images of one WIM into another, as {@code wimlib-imagex export} (DISM's /Export-Image)
 * does: into a new WIM (written beside it and renamed into place), or appended to an existing one
 * (header last; with {@code rebuild}, or when the destination is pipable, rebuilt beside it). Only
 * blobs the destination lacks are copied, and without recompression when the compression type
 * and chunk size match; each image's metadata resource is copied as it is.
 */
public final class ImageExport {
    private ImageExport() {
    }

    /**
     * How to export.
     *
     * @param destName        the exported image's name (null: its source name; "": no name); only
     *                        for a single image
     * @param destDescription its description (null: its source description; "": none)
     * @param boot            make the exported image (with all images: the source's bootable image)
     *                        the destination's bootable image
     * @param write           write settings; for an existing destination only the integrity
     *                        table, solid resources, pipable layout and threads apply (its
     *                        compression type must not change)
     * @param rebuild         rebuild an existing destination instead of appending to it
     * @param check           verify the destination's integrity table (if any) before changing it
     */
    public record Options(String destName, String destDescription, boolean boot, WriteChoices write, boolean rebuild,
                          boolean check) {
        public static Options defaults() {
            return new Options(null, null, false, WriteChoices.none(), false, false);
        }

        public Options withNames(String name, String description) {
            return new Options(name, description, boot, write, rebuild, check);
        }

        public Options withBoot(boolean b) {
            return new Options(destName, destDescription, b, write, rebuild, check);
        }

        public Options withWrite(WriteChoices w) {
            return new Options(destName, destDescription, boot, w, rebuild, check);
        }

        public Options withRebuild(boolean r) {
            return new Options(destName, destDescription, boot, write, r, check);
        }

        public Options withCheck(boolean c) {
            return new Options(destName, destDescription, boot, write, rebuild, c);
        }
    }

    /**
     * Exports images {@code indexes} (1-based, in that order) of {@code src} into {@code dest}.
     *
     * @param allImages whether {@code indexes} stands for "all" (no new name allowed then, and
     *                  --boot means the source's bootable image)
     * @throws IllegalArgumentException for a name the destination already has, a compression type
     *         other than an existing destination's, a new name with several images, and the like
     */
    public static void export(Wim src, List<Integer> indexes, boolean allImages, Path dest, Options o,
                              ProgressListener progress) throws IOException {
        ExistingImages.checkIndexes(src, indexes);
        if (indexes.size() != 1 && (o.destName() != null || o.destDescription() != null)) {
            throw new IllegalArgumentException("a new image name or description cannot be given when exporting "
                    + indexes.size() + " images");
        }
        int srcBoot = src.header().bootIndex();
        if (o.boot() && allImages && srcBoot == 0) {
            throw new IllegalArgumentException("--boot given for an export of all images, but " + src.path()
                    + " has no bootable image");
        }
        List<NewImage> exported = new ArrayList<>();
        int bootPosition = 0;
        for (int i = 0; i < indexes.size(); i++) {
            int index = indexes.get(i);
            XmlElement xml = src.xml().images().get(index - 1).copy();
            xml.attributes().remove("INDEX");
            if (o.destName() != null) {
                XmlProperties.set(xml, "NAME", o.destName());
            }
            if (o.destDescription() != null) {
                XmlProperties.set(xml, "DESCRIPTION", o.destDescription());
            }
            exported.add(ExistingImages.unchanged(src.image(index), xml));
            if (o.boot() && (!allImages || index == srcBoot)) {
                bootPosition = i + 1;
            }
        }
        int rpFix = src.header().hasFlag(WimHeader.FLAG_RP_FIX) ? WimHeader.FLAG_RP_FIX : 0;
        if (Files.exists(dest)) {
            if (!Files.isRegularFile(dest)) {
                throw new IOException("\"" + dest + "\" is not a regular file");
            }
            exportToExisting(src, exported, bootPosition, dest, o, rpFix, progress);
        } else {
            WriteOptions options = o.write().applyTo(newWimDefaults(src, o.write()));
            WimWriter.create(dest, exported, options, new WimWriter.Target(rpFix != 0, bootPosition), progress);
        }
    }

    /**
     * A new destination's defaults: the source's compression type and chunk size (LZMS when --solid
     * is given without a type), solid if the source has solid resources and no compression type
     * was chosen.
     */
    private static WriteOptions newWimDefaults(Wim src, WriteChoices w) throws IOException {
        WriteOptions same = ExistingImages.sameAs(src);
        WriteOptions o = same.withPipable(false).withIntegrity(false);
        boolean solid = w.solid() != null ? w.solid() : w.compression() == null && same.solid();
        if (!solid && o.solid()) {
            o = WriteChoices.none().withSolid(false, null, 0).applyTo(o);
        }
        if (Boolean.TRUE.equals(w.solid()) && w.compression() == null
                && src.header().compressionType() != CompressionType.LZMS) {
            // As wimlib-imagex: --solid alone makes an LZMS WIM (its metadata is LZMS then).
            o = o.withCompression(CompressionType.LZMS, 0);
        }
        return o;
    }

    private static void exportToExisting(Wim src, List<NewImage> exported, int bootPosition, Path dest, Options o,
                                         int rpFix, ProgressListener progress) throws IOException {
        boolean rebuild;
        List<XmlElement> destXml;
        WriteOptions options;
        try (Wim d = Wim.open(dest, OpenOptions.defaults().withCheckIntegrity(o.check()))) {
            ExistingImages.requireWhole(d, "exporting into a WIM");
            for (NewImage img : exported) {
                String name = img.xml().findText("NAME");
                for (ImageInfo info : d.images()) {
                    if (name != null && !name.isEmpty() && name.equals(info.name())) {
                        throw new IllegalArgumentException("there is already an image named \"" + name + "\" in "
                                + dest);
                    }
                }
            }
            WriteChoices w = o.write();
            CompressionType destType = d.header().compressionType();
            if (w.compression() != null && w.compression() != destType) {
                throw new IllegalArgumentException("cannot use " + w.compression() + " compression: the destination WIM"
                        + " exists and is " + destType + "-compressed (the compression type of a WIM stays as it is)");
            }
            options = w.applyTo(ExistingImages.sameAs(d));
            int destChunk = destType == CompressionType.NONE ? 0 : d.header().chunkSize();
            rebuild = o.rebuild() || d.header().pipable() || options.pipable() || options.chunkSize() != destChunk;
            int boot = bootPosition > 0 ? d.imageCount() + bootPosition : -1;
            if (rebuild) {
                List<NewImage> all = new ArrayList<>();
                for (int i = 1; i <= d.imageCount(); i++) {
                    all.add(ExistingImages.unchanged(d.image(i), d.xml().images().get(i - 1)));
                }
                all.addAll(exported);
                int keptBoot = boot >= 0 ? boot : d.header().bootIndex();
                WimWriter.Target t = ExistingImages.rebuildTarget(d, keptBoot);
                WimWriter.create(dest, all, options, new WimWriter.Target(t.rpFix() || rpFix != 0, keptBoot, t.guid(),
                        t.xmlExtras()), progress);
                return;
            }
            destXml = d.xml().images();
            List<ImageSlot> slots = new ArrayList<>();
            for (int i = 1; i <= destXml.size(); i++) {
                slots.add(new ImageSlot.Kept(i, destXml.get(i - 1)));
            }
            exported.forEach(img -> slots.add(new ImageSlot.Fresh(img)));
            WimWriter.commit(dest, slots, options, boot, o.write().integrity(), false, rpFix, progress);
        }
    }
}
