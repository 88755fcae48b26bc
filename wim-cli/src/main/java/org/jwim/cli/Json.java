package org.jwim.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import org.jwim.Sha1Hash;

/** Small helpers over Jackson's streaming generator for the {@code --json} outputs. */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** A pretty-printing UTF-8 generator that leaves {@code out} open. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        return g;
    }

    /** {@code "name": {"iso": "...Z", "filetime": n}}; FILETIMEs above 2^63 are written unsigned. */
    static void time(JsonGenerator g, String name, long fileTime) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("iso", FileTimes.iso(fileTime));
        g.writeFieldName("filetime");
        unsigned(g, fileTime);
        g.writeEndObject();
    }

    /** An unsigned 64-bit number. */
    static void unsigned(JsonGenerator g, long v) throws IOException {
        if (v >= 0) {
            g.writeNumber(v);
        } else {
            g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(v)));
        }
    }

    /** {@code "name": "hex"}, or null for the all-zero hash of empty data. */
    static void hash(JsonGenerator g, String name, Sha1Hash h) throws IOException {
        if (h == null || h.isZero()) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, h.toString());
        }
    }

    /** {@code "name": "text"} or {@code "name": null}. */
    static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }
}
