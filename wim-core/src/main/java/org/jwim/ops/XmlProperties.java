package org.jwim.ops;

import org.jwim.format.XmlElement;

/**
 * Image properties by path, as wimlib sets them ({@code wimlib_set_image_property}): a path is
 * element names separated by '/', each optionally with a 1-based index among same-named siblings
 * ("WINDOWS/LANGUAGES/LANGUAGE[2]"). Setting creates missing elements (only as the first of their
 * name: an index beyond the existing ones is refused); setting the empty string deletes the
 * element.
 */
public final class XmlProperties {
    private XmlProperties() {
    }

    /**
     * Sets (or with an empty {@code value} deletes) the property at {@code path} below {@code image}.
     *
     * @throws IllegalArgumentException for a malformed path, or an index beyond the existing elements
     */
    public static void set(XmlElement image, String path, String value) {
        String[] steps = steps(path);
        if (value != null && !legal(value)) {
            throw new IllegalArgumentException("the value of property \"" + path + "\" has characters XML cannot hold");
        }
        if (value == null || value.isEmpty()) {
            XmlElement parent = image;
            for (int i = 0; i < steps.length - 1 && parent != null; i++) {
                parent = child(parent, steps[i], false, path);
            }
            if (parent != null) {
                XmlElement e = child(parent, steps[steps.length - 1], false, path);
                if (e != null) {
                    parent.children().remove(e);
                }
            }
            return;
        }
        XmlElement cur = image;
        for (String step : steps) {
            cur = child(cur, step, true, path);
        }
        cur.children().clear();
        cur.setText(value);
    }

    /** Whether XML 1.0 can hold {@code s} (no control characters but tab and line ends, no lone surrogates). */
    static boolean legal(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String[] steps(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("empty property name");
        }
        String[] steps = path.split("/", -1);
        for (String s : steps) {
            if (!s.matches("[A-Za-z_][A-Za-z0-9_.-]*(\\[[1-9][0-9]*\\])?")) {
                throw new IllegalArgumentException("\"" + path + "\" is not a valid property name (element names"
                        + " separated by '/', each with an optional [index]: \"WINDOWS/LANGUAGES/LANGUAGE[2]\")");
            }
        }
        return steps;
    }

    /** The child a step names; created as the first of its name when {@code create} and absent. */
    private static XmlElement child(XmlElement parent, String step, boolean create, String path) {
        String name = step;
        int index = 1;
        int br = step.indexOf('[');
        if (br >= 0) {
            name = step.substring(0, br);
            index = Integer.parseInt(step.substring(br + 1, step.length() - 1));
        }
        int seen = 0;
        for (XmlElement c : parent.children()) {
            if (c.name().equals(name) && ++seen == index) {
                return c;
            }
        }
        if (!create) {
            return null;
        }
        if (index != 1) {
            throw new IllegalArgumentException("property \"" + path + "\": there is no element " + step
                    + " to set (only " + seen + " " + name + " element" + (seen == 1 ? "" : "s") + ")");
        }
        XmlElement e = new XmlElement(name);
        parent.children().add(e);
        return e;
    }
}
