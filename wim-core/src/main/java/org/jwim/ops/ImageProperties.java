package org.jwim.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jwim.OpenOptions;
import org.jwim.Wim;
import org.jwim.format.XmlElement;
import org.jwim.write.ImageSlot;
import org.jwim.write.NewImage;
import org.jwim.write.ProgressListener;
import org.jwim.write.WimWriter;
import org.jwim.write.WriteOptions;

/**
 * Edits what the XML data says of an image (name, description, any property such as
 * WINDOWS/EDITIONID), the boot index and the integrity table, without touching file data: what
 * {@code wimlib-imagex info WIM IMAGE NEW_NAME ...} does. Only the XML, the integrity table and the
 * header are written, after everything the old header points at and the header last, so a crash
 * leaves the WIM as it was (a pipable WIM, which cannot be changed in place, is rebuilt beside
 * itself and renamed over instead).
 */
public final class ImageProperties {
    private ImageProperties() {
    }

    /**
     * What to change; null or empty parts change nothing.
     *
     * @param newName        new NAME ("" removes it); must not be another image's name
     * @param newDescription new DESCRIPTION ("" removes it)
     * @param properties     properties to set, in order, by path ("" as value deletes)
     * @param boot           make the image the bootable one (image 0: no bootable image)
     * @param integrity      add (true) or drop (false) the integrity table; null keeps it as it is
     */
    public record Changes(String newName, String newDescription, Map<String, String> properties, boolean boot,
                          Boolean integrity) {
        public Changes {
            properties = new LinkedHashMap<>(properties);
        }

        public static Changes none() {
            return new Changes(null, null, Map.of(), false, null);
        }

        public Changes withName(String name) {
            return new Changes(name, newDescription, properties, boot, integrity);
        }

        public Changes withDescription(String d) {
            return new Changes(newName, d, properties, boot, integrity);
        }

        public Changes withProperty(String path, String value) {
            Map<String, String> p = new LinkedHashMap<>(properties);
            p.put(path, value);
            return new Changes(newName, newDescription, p, boot, integrity);
        }

        public Changes withBoot(boolean b) {
            return new Changes(newName, newDescription, properties, b, integrity);
        }

        public Changes withIntegrity(Boolean i) {
            return new Changes(newName, newDescription, properties, boot, i);
        }
    }

    /**
     * What was done.
     *
     * @param messages one line per change of the boot image or a property asked for, as wimlib-imagex
     *                 prints them ("Setting the NAME property of image 1 to ..."), including changes
     *                 that were not needed (adding or dropping the integrity table has none)
     * @param written  whether the WIM was written (false: nothing needed changing)
     */
    public record Outcome(List<String> messages, boolean written) {
    }

    /**
     * Applies {@code changes} to image {@code image} (1-based; 0 only to unset the boot image) of the
     * WIM at {@code path}.
     *
     * @param check verify the integrity table (if any) first, as --check does
     * @throws IllegalArgumentException for a missing image, a name another image has, or a bad property
     */
    public static Outcome apply(Path path, int image, Changes changes, boolean check, ProgressListener progress)
            throws IOException {
        List<String> messages = new ArrayList<>();
        boolean modified = false;
        List<XmlElement> xml;
        int boot;
        boolean pipable;
        try (Wim wim = Wim.open(path, OpenOptions.defaults().withCheckIntegrity(check))) {
            ExistingImages.requireWhole(wim, "changing image properties");
            if (image != 0 || !changes.boot()) {
                ExistingImages.checkIndexes(wim, List.of(image));
            }
            if (image == 0 && (changes.newName() != null || changes.newDescription() != null
                    || !changes.properties().isEmpty())) {
                throw new IllegalArgumentException("image 0 has no properties to change");
            }
            xml = new ArrayList<>();
            for (XmlElement e : wim.xml().images()) {
                xml.add(e.copy());
            }
            boot = wim.header().bootIndex();
            if (changes.boot()) {
                if (boot == image) {
                    messages.add("Image " + image + " is already marked as bootable.");
                } else {
                    messages.add("Marking image " + image + " as bootable.");
                    boot = image;
                    modified = true;
                }
            }
            Map<String, String> props = new LinkedHashMap<>(changes.properties());
            if (changes.newName() != null) {
                props.put("NAME", changes.newName());
            }
            if (changes.newDescription() != null) {
                props.put("DESCRIPTION", changes.newDescription());
            }
            for (Map.Entry<String, String> p : props.entrySet()) {
                XmlElement img = xml.get(image - 1);
                String current = img.findText(p.getKey());
                if (current != null && current.equals(p.getValue())) {
                    messages.add("The " + p.getKey() + " property of image " + image + " already has value \""
                            + p.getValue() + "\".");
                    continue;
                }
                messages.add("Setting the " + p.getKey() + " property of image " + image + " to \"" + p.getValue()
                        + "\".");
                if (p.getKey().equals("NAME") && !p.getValue().isEmpty()) {
                    for (int i = 0; i < xml.size(); i++) {
                        if (i != image - 1 && p.getValue().equals(xml.get(i).findText("NAME"))) {
                            throw new IllegalArgumentException("image " + (i + 1) + " is already named \""
                                    + p.getValue() + "\"");
                        }
                    }
                }
                XmlProperties.set(img, p.getKey(), p.getValue());
                modified = true;
            }
            boolean hasIntegrity = wim.info().hasIntegrity();
            if (changes.integrity() != null && changes.integrity() != hasIntegrity) {
                modified = true;
            }
            pipable = wim.header().pipable();
            if (modified && pipable) {
                rebuild(wim, path, xml, boot, changes.integrity(), progress);
                return new Outcome(messages, true);
            }
        }
        if (!modified) {
            return new Outcome(messages, false);
        }
        List<ImageSlot> slots = new ArrayList<>();
        for (int i = 0; i < xml.size(); i++) {
            slots.add(new ImageSlot.Kept(i + 1, xml.get(i)));
        }
        WimWriter.commit(path, slots, WriteOptions.defaults(), boot, changes.integrity(), false, 0, progress);
        return new Outcome(messages, true);
    }

    /** Rewrites a pipable WIM beside itself with the new XML, copying everything else as it is. */
    private static void rebuild(Wim wim, Path path, List<XmlElement> xml, int boot, Boolean integrity,
                                ProgressListener progress) throws IOException {
        List<NewImage> images = new ArrayList<>();
        for (int i = 1; i <= wim.imageCount(); i++) {
            images.add(ExistingImages.unchanged(wim.image(i), xml.get(i - 1)));
        }
        WriteOptions o = ExistingImages.sameAs(wim);
        if (integrity != null) {
            o = o.withIntegrity(integrity);
        }
        WimWriter.create(path, images, o, ExistingImages.rebuildTarget(wim, boot), progress);
    }
}
