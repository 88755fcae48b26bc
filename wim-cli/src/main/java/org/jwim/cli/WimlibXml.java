package org.jwim.cli;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jwim.Wim;
import org.jwim.WimFormatException;

/**
 * The WIM's XML data as wimlib-imagex 1.13.5 sees it through libxml2: an element's text is its
 * first text node exactly as written (blanks kept; a comment, CDATA section or child element ends
 * a text node, entity and character references do not), and an empty element has none. wim-core's
 * {@link org.jwim.format.XmlElement} trims text, which would change what info prints for names
 * with leading or trailing blanks and for numbers written with blanks (wimlib reads those as 0).
 */
final class WimlibXml {
    /** An element: its name, INDEX attribute (IMAGE elements), child elements and first text node. */
    static final class Node {
        final String name;
        final String index;
        final List<Node> children = new ArrayList<>();
        String text;

        Node(String name, String index) {
            this.name = name;
            this.index = index;
        }

        /** The element at a "A/B/C" path, each step the first child of that name; null if absent. */
        Node find(String path) {
            Node cur = this;
            for (String step : path.split("/")) {
                Node next = null;
                for (Node c : cur.children) {
                    if (c.name.equals(step)) {
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

        /** The first text node of the element at {@code path}, or null. */
        String text(String path) {
            Node n = find(path);
            return n == null ? null : n.text;
        }
    }

    /** The JDK parser's switch that reports CDATA sections as such rather than as text. */
    private static final String REPORT_CDATA = "http://java.sun.com/xml/stream/properties/report-cdata-event";

    private final Node root;
    private final Node[] images;

    private WimlibXml(Node root, Node[] images) {
        this.root = root;
        this.images = images;
    }

    /** The {@code <WIM>} element. */
    Node root() {
        return root;
    }

    /** The IMAGE element whose INDEX is {@code index} (1-based), or null. */
    Node image(int index) {
        return index >= 1 && index <= images.length ? images[index - 1] : null;
    }

    /** Reads the WIM's XML data from the file (wim-core has already checked it). */
    static WimlibXml read(Wim wim) throws IOException {
        String text = InfoCommand.xmlText(wim);
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == 0) {
            end--;
        }
        Node root;
        try {
            root = parse(text.substring(0, end));
        } catch (XMLStreamException e) {
            throw new WimFormatException(wim.path(), wim.header().xmlData().offset(), "XML data is not well-formed: "
                    + e.getMessage(), e);
        }
        Node[] images = new Node[wim.imageCount()];
        for (Node c : root.children) {
            if (c.name.equals("IMAGE")) {
                long i = XmlValues.parse(c.index, 10);
                if (i >= 1 && i <= images.length && images[(int) i - 1] == null) {
                    images[(int) i - 1] = c;
                }
            }
        }
        return new WimlibXml(root, images);
    }

    private static Node parse(String text) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        if (f.isPropertySupported(REPORT_CDATA)) {
            f.setProperty(REPORT_CDATA, Boolean.TRUE);
        }
        XMLStreamReader r = f.createXMLStreamReader(new StringReader(text));
        Deque<Node> open = new ArrayDeque<>();
        Deque<StringBuilder> firstText = new ArrayDeque<>();
        Node root = null;
        // Whether the open element's first text node is still being read (no other node since).
        boolean inFirstText = false;
        try {
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        closeFirstText(open, firstText, inFirstText);
                        Node n = new Node(r.getLocalName(), r.getAttributeValue(null, "INDEX"));
                        if (open.isEmpty()) {
                            root = n;
                        } else {
                            open.peek().children.add(n);
                        }
                        open.push(n);
                        firstText.push(new StringBuilder());
                        inFirstText = false;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty() && open.peek().text == null) {
                            firstText.peek().append(r.getText());
                            inFirstText = true;
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        closeFirstText(open, firstText, inFirstText);
                        open.pop();
                        firstText.pop();
                        inFirstText = false;
                    }
                    case XMLStreamConstants.COMMENT, XMLStreamConstants.CDATA,
                            XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                        closeFirstText(open, firstText, inFirstText);
                        inFirstText = false;
                    }
                    default -> {
                    }
                }
            }
        } finally {
            r.close();
        }
        if (root == null) {
            throw new XMLStreamException("no root element");
        }
        return root;
    }

    /** Ends the open element's first text node, if one is being read. */
    private static void closeFirstText(Deque<Node> open, Deque<StringBuilder> firstText, boolean inFirstText) {
        if (inFirstText && !open.isEmpty() && open.peek().text == null) {
            open.peek().text = firstText.peek().toString();
        }
    }
}
