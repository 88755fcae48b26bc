package org.jwim.write;

import java.util.List;
import org.jwim.format.XmlElement;
import org.jwim.image.ImageTree;

/**
 * An image to add to a WIM.
 *
 * @param tree    its files
 * @param pending streams whose data must be written (the other streams' blobs are already in the WIM)
 * @param xml     its {@code IMAGE} element (NAME, DESCRIPTION and other properties; the counts,
 *                sizes and times are filled in when written)
 */
public record NewImage(ImageTree tree, List<PendingStream> pending, XmlElement xml) {
}
