package org.jwim.write;

import org.jwim.format.XmlElement;

/** One image of a WIM committed in place ({@link WimWriter#commit}): an image it has, or one written now. */
public sealed interface ImageSlot {
    /**
     * Image {@code oldIndex} (1-based) of the WIM, its metadata left where it is.
     *
     * @param xml its {@code IMAGE} element as it should be written (edited or not; renumbered)
     */
    record Kept(int oldIndex, XmlElement xml) implements ImageSlot {
    }

    /** An image written now: a new one, or a changed version of an old one. */
    record Fresh(NewImage image) implements ImageSlot {
    }
}
