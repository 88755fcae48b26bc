package org.jwim.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jwim.ImageInfo;
import org.jwim.Wim;
import org.jwim.format.XmlElement;
import org.jwim.write.NewImage;
import org.jwim.write.WimWriter;
import org.jwim.write.WriteOptions;

/**
 * Captures a directory into a new WIM or appends it to an existing one as a new image: what
 * {@code wimlib-imagex capture} and {@code append} do.
 */
public final class ImageCapture {
    private ImageCapture() {
    }

    /**
     * The image's XML description.
     *
     * @param name        image name (null: the source directory's name, as wimlib does)
     * @param description description, or null
     * @param properties  further properties by path ("WINDOWS/EDITIONID", "DISPLAYNAME"...), set in order
     * @param boot        make it the bootable image
     */
    public record Description(String name, String description, Map<String, String> properties, boolean boot) {
        public static Description named(String name) {
            return new Description(name, null, Map.of(), false);
        }
    }

    /** Captures {@code source} as the only image of a new WIM at {@code wim}; returns the scan's warnings. */
    public static List<String> create(Path source, Path wim, Description desc, Capture.Options capture,
                                      WriteOptions write) throws IOException {
        Capture.Result r = Capture.scan(source, capture);
        XmlElement xml = imageXml(source, desc);
        WimWriter.create(wim, List.of(new NewImage(r.tree(), r.pending(), xml)), write,
                new WimWriter.Target(capture.rpFix(), desc.boot() ? 1 : 0), capture.progress());
        return r.warnings();
    }

    /** Captures {@code source} and appends it to the WIM at {@code wim}; returns the scan's warnings. */
    public static List<String> append(Path source, Path wim, Description desc, Capture.Options capture,
                                      WriteOptions write, Boolean integrity) throws IOException {
        XmlElement xml = imageXml(source, desc);
        String name = xml.findText("NAME");
        int count;
        try (Wim w = Wim.open(wim)) {
            for (ImageInfo i : w.images()) {
                if (name != null && !name.isEmpty() && name.equals(i.name())) {
                    throw new IllegalArgumentException("there is already an image named \"" + name + "\" in " + wim);
                }
            }
            count = w.imageCount();
        }
        Capture.Result r = Capture.scan(source, capture);
        WimWriter.append(wim, List.of(new NewImage(r.tree(), r.pending(), xml)), write, desc.boot() ? count + 1 : -1,
                integrity, capture.progress());
        return r.warnings();
    }

    static XmlElement imageXml(Path source, Description desc) {
        XmlElement img = new XmlElement("IMAGE");
        String name = desc.name();
        if (name == null) {
            Path fn = source.toAbsolutePath().normalize().getFileName();
            name = fn == null ? "" : fn.toString();
        }
        if (!name.isEmpty()) {
            img.children().add(text("NAME", name));
        }
        if (desc.description() != null) {
            img.children().add(text("DESCRIPTION", desc.description()));
        }
        for (Map.Entry<String, String> e : desc.properties().entrySet()) {
            setProperty(img, e.getKey(), e.getValue());
        }
        return img;
    }

    /** Sets a property by wimlib-style path below {@code img}, creating elements as needed (see {@link XmlProperties}). */
    public static void setProperty(XmlElement img, String path, String value) {
        XmlProperties.set(img, path, value);
    }

    private static XmlElement text(String name, String value) {
        XmlElement e = new XmlElement(name);
        e.setText(value);
        return e;
    }
}
