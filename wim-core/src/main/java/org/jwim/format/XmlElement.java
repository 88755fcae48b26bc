package org.jwim.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of the WIM's XML data, kept whole (unknown elements and attributes included) so a
 * rewrite can give back everything it read. Mutable, like the document it belongs to.
 */
public final class XmlElement {
    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlElement> children = new ArrayList<>();
    private String text;

    public XmlElement(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The attributes in document order. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** Child elements in document order (live list). */
    public List<XmlElement> children() {
        return children;
    }

    /** Text content (trimmed), or null for an element without text. */
    public String text() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    /** The first child called {@code childName}, or null. */
    public XmlElement child(String childName) {
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** All children called {@code childName}. */
    public List<XmlElement> children(String childName) {
        List<XmlElement> l = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                l.add(c);
            }
        }
        return Collections.unmodifiableList(l);
    }

    /**
     * The element at a wimlib-style property path below this one: names separated by '/', each
     * optionally with a 1-based index in brackets for repeated elements ("WINDOWS/LANGUAGES/LANGUAGE[2]").
     * Null if absent.
     */
    public XmlElement find(String path) {
        XmlElement cur = this;
        for (String step : path.split("/")) {
            if (step.isEmpty()) {
                return null;
            }
            String n = step;
            int index = 1;
            int br = step.indexOf('[');
            if (br >= 0) {
                if (!step.endsWith("]")) {
                    return null;
                }
                n = step.substring(0, br);
                try {
                    index = Integer.parseInt(step.substring(br + 1, step.length() - 1));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            XmlElement next = null;
            int seen = 0;
            for (XmlElement c : cur.children) {
                if (c.name.equals(n) && ++seen == index) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            cur = next;
        }
        return cur;
    }

    /** Text of the element at {@code path} (see {@link #find}), or null. */
    public String findText(String path) {
        XmlElement e = find(path);
        return e == null ? null : e.text;
    }

    /**
     * Every text-bearing descendant as "A/B/C" to its text, in document order; a repeated name
     * gets a 1-based "[n]" index from its second occurrence on ("LANGUAGE", "LANGUAGE[2]").
     */
    public Map<String, String> flatten() {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", out);
        return out;
    }

    private void flatten(String prefix, Map<String, String> out) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (XmlElement c : children) {
            int n = seen.merge(c.name, 1, Integer::sum);
            String key = prefix + c.name + (n > 1 ? "[" + n + "]" : "");
            if (c.text != null) {
                out.put(key, c.text);
            }
            c.flatten(key + "/", out);
        }
    }

    /** A deep copy. */
    public XmlElement copy() {
        XmlElement e = new XmlElement(name);
        e.attributes.putAll(attributes);
        e.text = text;
        for (XmlElement c : children) {
            e.children.add(c.copy());
        }
        return e;
    }
}
