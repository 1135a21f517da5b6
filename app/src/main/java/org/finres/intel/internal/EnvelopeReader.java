package org.finres.intel.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.finres.core.InvalidInputException;
import org.finres.intel.EnvelopeRejectedException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cuts the objects out of a POSTed TAXII envelope ({@code {"objects":[...]}}), a STIX bundle, or a lone STIX
 * object, by the parser's byte offsets, so that each keeps its exact text. A malformed element is one failed
 * object, never the whole request; only a body that is not JSON (400) or has no objects array (422) fails.
 * FinRes's own envelope properties {@code x_finres_recipients} and {@code x_finres_hide_submitter} carry the
 * submitter's sharing choices.
 */
public final class EnvelopeReader {

    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private EnvelopeReader() {
    }

    /** One element of the objects array: its exact text, or why it is not an object. */
    public sealed interface Element permits Element.Text, Element.NotAnObject {
        record Text(String json) implements Element {
        }

        record NotAnObject(int index, String found) implements Element {
        }
    }

    public record Envelope(List<Element> objects, List<String> recipients, boolean hideSubmitter) {
    }

    public static Envelope read(byte[] body) {
        requireUtf8(body);
        List<Element> objects = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        boolean hide = false;
        boolean sawObjects = false;
        String type = null;
        String id = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new EnvelopeRejectedException("the body must be a JSON object: a TAXII envelope, a STIX bundle or a STIX object");
            }
            long topStart = p.currentTokenLocation().getByteOffset();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                switch (name) {
                    case "objects" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw new EnvelopeRejectedException("'objects' must be an array of STIX objects, found " + t);
                        }
                        sawObjects = true;
                        int index = 0;
                        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                            if (t != JsonToken.START_OBJECT) {
                                p.skipChildren();
                                objects.add(new Element.NotAnObject(index++, t.name()));
                                continue;
                            }
                            long start = p.currentTokenLocation().getByteOffset();
                            p.skipChildren();
                            long end = p.currentLocation().getByteOffset();
                            objects.add(new Element.Text(text(body, start, end)));
                            index++;
                        }
                    }
                    case "x_finres_recipients" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw new InvalidInputException("x_finres_recipients", "must be an array of institution ids");
                        }
                        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                            if (t != JsonToken.VALUE_STRING) {
                                throw new InvalidInputException("x_finres_recipients", "must hold institution ids as strings");
                            }
                            recipients.add(p.getString());
                        }
                    }
                    case "x_finres_hide_submitter" -> {
                        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                            throw new InvalidInputException("x_finres_hide_submitter", "must be true or false");
                        }
                        hide = t == JsonToken.VALUE_TRUE;
                    }
                    case "type" -> {
                        type = t == JsonToken.VALUE_STRING ? p.getString() : null;
                        p.skipChildren();
                    }
                    case "id" -> {
                        id = t == JsonToken.VALUE_STRING ? p.getString() : null;
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            long topEnd = p.currentLocation().getByteOffset();
            if (p.nextToken() != null) {
                throw new InvalidInputException("body", "has content after the top-level JSON object");
            }
            if (!sawObjects) {
                if (type != null && id != null && !type.equals("bundle")) {
                    // A lone STIX object posted as application/stix+json.
                    objects.add(new Element.Text(text(body, topStart, topEnd)));
                } else {
                    throw new EnvelopeRejectedException("the body has no 'objects' array: expected a TAXII envelope "
                            + "{\"objects\":[...]} or a STIX bundle");
                }
            }
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw new InvalidInputException("body", "is not valid JSON" + (loc == null ? "" : " at line "
                    + loc.getLineNr() + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        return new Envelope(objects, recipients, hide);
    }

    private static String text(byte[] body, long start, long end) {
        if (start < 0 || end < start) {
            throw new InvalidInputException("body", "must be UTF-8 JSON");
        }
        return new String(Arrays.copyOfRange(body, (int) start, (int) end), StandardCharsets.UTF_8);
    }

    private static void requireUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "is not valid UTF-8");
        }
    }
}
