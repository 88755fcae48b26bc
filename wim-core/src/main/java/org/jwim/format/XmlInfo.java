package org.jwim.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.jwim.WimFormatException;
import org.jwim.io.WimPart;

/**
 * The XML data of a WIM: a {@code <WIM>} root with {@code <TOTALBYTES>} and one {@code <IMAGE
 * INDEX="n">} per image. Stored as UTF-16LE with a byte-order mark. Parsed with StAX (no DTDs, no
 * external entities) into an {@link XmlElement} tree that keeps everything, unknown elements
 * included.
 */
public final class XmlInfo {
    /** Largest XML data accepted (wimlib's limit is similar). */
    public static final int MAX_SIZE = 100 << 20;

    private final XmlElement root;
    private final List<XmlElement> images;

    private XmlInfo(XmlElement root, List<XmlElement> images) {
        this.root = root;
        this.images = images;
    }

    /** The {@code <WIM>} element. */
    public XmlElement root() {
        return root;
    }

    /** The {@code <IMAGE>} elements, element {@code i} for image {@code i + 1}. */
    public List<XmlElement> images() {
        return images;
    }

    /** A document with no images (for a new WIM). */
    public static XmlInfo empty() {
        return new XmlInfo(new XmlElement("WIM"), new ArrayList<>());
    }

    /**
     * Parses XML data bytes read from {@code at} in {@code part}, checking there is one
     * {@code IMAGE} per image with indexes 1..imageCount.
     */
    public static XmlInfo parse(WimPart part, long at, byte[] data, int imageCount) throws WimFormatException {
        String text = decode(part, at, data);
        XmlElement root;
        try {
            root = parseTree(text);
        } catch (XMLStreamException e) {
            throw new WimFormatException(part.path(), at, "XML data is not well-formed: " + e.getMessage(), e);
        }
        if (root == null || !root.name().equals("WIM")) {
            throw new WimFormatException(part.path(), at, "XML data has no <WIM> root element");
        }
        List<XmlElement> imgs = root.children("IMAGE");
        if (imgs.size() != imageCount) {
            throw new WimFormatException(part.path(), at, "the WIM header says " + imageCount
                    + " images but the XML data describes " + imgs.size());
        }
        XmlElement[] byIndex = new XmlElement[imgs.size()];
        for (XmlElement img : imgs) {
            String idx = img.attributes().get("INDEX");
            int i;
            try {
                i = idx == null ? -1 : Integer.parseInt(idx.trim());
            } catch (NumberFormatException e) {
                i = -1;
            }
            if (i < 1 || i > byIndex.length || byIndex[i - 1] != null) {
                throw new WimFormatException(part.path(), at, "XML IMAGE element has an invalid or repeated INDEX \""
                        + idx + "\" (expected each of 1.." + byIndex.length + " once)");
            }
            byIndex[i - 1] = img;
        }
        return new XmlInfo(root, new ArrayList<>(List.of(byIndex)));
    }

    private static String decode(WimPart part, long at, byte[] data) throws WimFormatException {
        int off = 0;
        if (data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xFE) {
            off = 2;
        } else if (data.length >= 2 && data[1] != 0) {
            throw new WimFormatException(part.path(), at, "XML data is not UTF-16LE (no byte-order mark)");
        }
        int len = (data.length - off) & ~1;
        String s = new String(data, off, len, StandardCharsets.UTF_16LE);
        // Some writers end the data with a NUL character.
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 0 || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static XmlElement parseTree(String text) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        XMLStreamReader r = f.createXMLStreamReader(new StringReader(text));
        Deque<XmlElement> stack = new ArrayDeque<>();
        Deque<StringBuilder> texts = new ArrayDeque<>();
        XmlElement root = null;
        try {
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (stack.size() > 256) {
                            throw new XMLStreamException("XML nested too deeply");
                        }
                        XmlElement e = new XmlElement(r.getLocalName());
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            e.attributes().put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        if (stack.isEmpty()) {
                            root = e;
                        } else {
                            stack.peek().children().add(e);
                        }
                        stack.push(e);
                        texts.push(new StringBuilder());
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!texts.isEmpty()) {
                            texts.peek().append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        XmlElement e = stack.pop();
                        String t = texts.pop().toString().trim();
                        if (!t.isEmpty() || e.children().isEmpty()) {
                            e.setText(t);
                        }
                    }
                    default -> {
                    }
                }
            }
        } finally {
            r.close();
        }
        return root;
    }

    /** The XML data as a WIM stores it: UTF-16LE with a byte-order mark, no declaration. */
    public byte[] toBytes() {
        StringWriter w = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            write(x, root);
            x.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xFE);
        byte[] b = w.toString().getBytes(StandardCharsets.UTF_16LE);
        out.write(b, 0, b.length);
        return out.toByteArray();
    }

    private static void write(XMLStreamWriter x, XmlElement e) throws XMLStreamException {
        x.writeStartElement(e.name());
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            x.writeAttribute(a.getKey(), a.getValue());
        }
        if (e.text() != null && !e.text().isEmpty()) {
            x.writeCharacters(e.text());
        }
        for (XmlElement c : e.children()) {
            write(x, c);
        }
        x.writeEndElement();
    }

    /** Reads the XML data resource of a part. */
    public static XmlInfo read(WimPart part, WimHeader h) throws IOException {
        ResourceHeader r = h.xmlData();
        if (r.isEmpty()) {
            throw new WimFormatException(part.path(), 0x48, "the WIM has no XML data");
        }
        if (r.uncompressedSize() > MAX_SIZE || r.isCompressed() || r.isSolid()
                || r.sizeInWim() != r.uncompressedSize()) {
            throw new WimFormatException(part.path(), 0x48, "XML data resource is " + r.uncompressedSize()
                    + " bytes (" + (r.isCompressed() ? "compressed" : "stored") + "): not a valid XML data resource");
        }
        byte[] data = part.read(r.offset(), (int) r.uncompressedSize(), "XML data");
        return parse(part, r.offset(), data, h.imageCount());
    }
}
