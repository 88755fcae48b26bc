package org.jwim.write;

import java.util.List;
import org.jwim.format.XmlElement;
import org.jwim.image.ImageTree;

/**
 * An image to write into a WIM.
 *
 * @param tree              its files
 * @param pending           streams whose data must be written (the other streams' blobs are already in the WIM)
 * @param xml               its {@code IMAGE} element (NAME, DESCRIPTION and other properties)
 * @param unchangedMetadata null for an image whose tree is new or changed: its metadata resource
 *                          is made from {@code tree}, and the counts, sizes and modification time
 *                          of its XML element are filled in. Otherwise the metadata resource of an
 *                          existing image that {@code tree} was read from: it is copied as it is
 *                          (without recompression where the settings allow), and {@code xml} is
 *                          written as given, only renumbered
 */
public record NewImage(ImageTree tree, List<PendingStream> pending, XmlElement xml, WimBlobSource unchangedMetadata) {

    /** A new or changed image. */
    public NewImage(ImageTree tree, List<PendingStream> pending, XmlElement xml) {
        this(tree, pending, xml, null);
    }
}
