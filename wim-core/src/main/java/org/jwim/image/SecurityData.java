package org.jwim.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The security descriptors of an image (self-relative SECURITY_DESCRIPTORs), indexed by security id. */
public final class SecurityData {
    private final List<byte[]> descriptors;

    public SecurityData(List<byte[]> descriptors) {
        this.descriptors = new ArrayList<>(descriptors);
    }

    /** Descriptor {@code id}, or null when out of range (or -1). */
    public byte[] get(int id) {
        return id >= 0 && id < descriptors.size() ? descriptors.get(id).clone() : null;
    }

    public int size() {
        return descriptors.size();
    }

    /** All descriptors (not copied: do not modify). */
    public List<byte[]> descriptors() {
        return Collections.unmodifiableList(descriptors);
    }
}
