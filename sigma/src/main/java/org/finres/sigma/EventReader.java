package org.finres.sigma;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams JSON objects from a JSON array, JSON Lines, or concatenated JSON objects (as in the regression corpus),
 * holding one event in memory at a time. Malformed input raises {@link UncheckedIOException} with the position.
 */
public final class EventReader implements Iterator<JsonNode>, AutoCloseable {

    // Concatenated objects are a stream of values, not one value with trailing tokens.
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final JsonParser parser;
    private boolean inArray;
    private JsonToken next;

    private EventReader(InputStream in) {
        this.parser = JSON.createParser(in);
        JsonToken t = advance();
        if (t == JsonToken.START_ARRAY) {
            inArray = true;
            t = advance();
        }
        next = t;
    }

    public static EventReader open(InputStream in) {
        return new EventReader(in);
    }

    private JsonToken advance() {
        try {
            return parser.nextToken();
        } catch (JacksonException e) {
            throw new UncheckedIOException(new java.io.IOException("malformed JSON: " + e.getOriginalMessage()
                    + " at " + e.getLocation(), e));
        }
    }

    @Override
    public boolean hasNext() {
        return next != null && !(inArray && next == JsonToken.END_ARRAY);
    }

    @Override
    public JsonNode next() {
        if (!hasNext()) throw new NoSuchElementException();
        JsonNode node;
        try {
            node = JSON.readTree(parser);
        } catch (JacksonException e) {
            throw new UncheckedIOException(new java.io.IOException("malformed JSON: " + e.getOriginalMessage()
                    + " at " + e.getLocation(), e));
        }
        next = advance();
        return node;
    }

    @Override
    public void close() {
        parser.close();
    }
}
