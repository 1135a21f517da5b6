package org.finres.stix;

import org.finres.stix.model.StixFormatException;
import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;
import org.finres.stix.model.StixObjectDecoder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a STIX bundle, or a single STIX object, from UTF-8 JSON. Each object is cut out of the input by the
 * parser's byte offsets, so it keeps its exact text; its tree is parsed from that text. {@link #read} keeps the
 * whole document (and its layout); {@link #stream} hands over one object at a time and holds only that one.
 * Anything that is not STIX JSON raises {@link StixFormatException}, and nothing else.
 */
public final class StixBundleReader {

    // Duplicate keys make "the value of a property" ambiguous, and two readers could disagree on it.
    static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private StixBundleReader() {}

    public static StixBundle read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    public static StixBundle read(byte[] json) {
        return read(new ByteArrayInputStream(json));
    }

    public static StixBundle read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the whole document, keeping its layout for an exact re-write. Does not close {@code in}. */
    public static StixBundle read(InputStream in) {
        List<StixObject> objects = new ArrayList<>();
        Envelope env = parse(in, true, objects::add);
        return new StixBundle(env.id(), objects, Optional.of(new BundleLayout(env.gaps())));
    }

    /**
     * Streams the objects of a bundle (or the one object of a lone-object document) to {@code sink} as they are read,
     * keeping none of them. Returns the bundle id (empty for a lone object). Does not close {@code in}.
     */
    public static Optional<StixId> stream(InputStream in, Consumer<? super StixObject> sink) {
        return parse(in, false, sink).id();
    }

    private record Envelope(Optional<StixId> id, List<String> gaps) {}

    private static Envelope parse(InputStream input, boolean keepLayout, Consumer<? super StixObject> sink) {
        RecordingInputStream in = new RecordingInputStream(input);
        List<String> gaps = new ArrayList<>();
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT)
                throw new StixFormatException("$", "expected a JSON object (a bundle or a STIX object)");
            long topStart = offset(p.currentTokenLocation().getByteOffset());
            String type = null;
            String id = null;
            int index = 0;
            long gapStart = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                if (name.equals("objects") && t == JsonToken.START_ARRAY) {
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        String path = "$.objects[" + index + "]";
                        if (t != JsonToken.START_OBJECT) throw new StixFormatException(path, "expected a STIX object, found " + t);
                        long start = offset(p.currentTokenLocation().getByteOffset());
                        p.skipChildren();
                        long end = offset(p.currentLocation().getByteOffset());
                        if (keepLayout) gaps.add(utf8(in.slice(gapStart, start), path));
                        gapStart = end;
                        String text = utf8(in.slice(start, end), path);
                        sink.accept(decode(text, path));
                        if (!keepLayout) in.discardBefore(end);
                        index++;
                    }
                } else if (name.equals("type") && t == JsonToken.VALUE_STRING) {
                    type = p.getString();
                } else if (name.equals("id") && t == JsonToken.VALUE_STRING) {
                    id = p.getString();
                } else {
                    p.skipChildren();
                }
            }
            long topEnd = offset(p.currentLocation().getByteOffset());
            if (p.nextToken() != null) throw new StixFormatException("$", "content after the top-level object");
            long total = in.end();
            if ("bundle".equals(type)) {
                StixId bundleId = StixId.parseOrNull(id);
                if (bundleId == null || !bundleId.type().equals("bundle"))
                    throw new StixFormatException("$.id", "a bundle needs an id bundle--<UUID>, found " + id);
                if (keepLayout) gaps.add(utf8(in.slice(gapStart, total), "$"));
                return new Envelope(Optional.of(bundleId), gaps);
            }
            if (index > 0)
                throw new StixFormatException("$", "an 'objects' array outside a bundle (type is " + type + ")");
            String text = utf8(in.slice(topStart, topEnd), "$");
            sink.accept(decode(text, "$"));
            if (keepLayout) {
                gaps.add(utf8(in.slice(0, topStart), "$"));
                gaps.add(utf8(in.slice(topEnd, total), "$"));
            }
            return new Envelope(Optional.empty(), gaps);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw new StixFormatException("$", loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes one object from its exact text; also used by the builder and for single objects. */
    static StixObject decode(String text, String path) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw new StixFormatException(path, loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(tree instanceof ObjectNode object)) throw new StixFormatException(path, "expected a JSON object");
        return StixObjectDecoder.decode(text, object, path);
    }

    /** Reads one STIX object from its JSON text (no bundle). */
    public static StixObject readObject(String json) {
        return decode(json, "$");
    }

    private static long offset(long byteOffset) {
        // Jackson reports byte offsets only for byte input it reads as UTF-8; UTF-16/32 input would have none.
        if (byteOffset < 0) throw new StixFormatException("$", "STIX JSON must be UTF-8");
        return byteOffset;
    }

    private static String utf8(byte[] bytes, String path) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new StixFormatException(path, "not valid UTF-8");
        }
    }
}
