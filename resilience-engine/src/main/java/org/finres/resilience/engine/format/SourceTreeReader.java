package org.finres.resilience.engine.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.finres.resilience.engine.RegisterFormatException;
import org.finres.resilience.engine.RegisterProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads YAML or JSON through Jackson's streaming parsers into {@link SourceNode}s that keep each value's line. A
 * data tree (Jackson's {@code JsonNode}) would lose them.
 */
final class SourceTreeReader {

    /** A register is at most five levels deep; far deeper input is hostile or broken, and recursion is bounded. */
    private static final int MAX_DEPTH = 64;

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private SourceTreeReader() {
    }

    static SourceNode read(byte[] input) {
        boolean json = looksLikeJson(input);
        try (JsonParser p = json ? JSON.createParser(ObjectReadContext.empty(), input)
                : YAML.createParser(ObjectReadContext.empty(), input)) {
            JsonToken first = next(p);
            if (first == null) {
                throw new RegisterFormatException(new RegisterProblem(1, 1, "", "the register is empty"));
            }
            SourceNode root = value(p, first, 0);
            JsonToken after = next(p);
            if (after != null) {
                throw problem(p.currentTokenLocation(), "more than one document; a register is one document");
            }
            return root;
        } catch (JacksonException e) {
            throw problem(e.getLocation(), syntax(e));
        } catch (RegisterFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // The YAML engine below Jackson throws its own runtime exceptions on some malformed input.
            throw new RegisterFormatException(new RegisterProblem(0, 0, "", "not readable as "
                    + (json ? "JSON" : "YAML") + ": " + e.getClass().getSimpleName() + " " + e.getMessage()));
        }
    }

    private static boolean looksLikeJson(byte[] input) {
        for (byte b : input) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }

    private static JsonToken next(JsonParser p) {
        return p.nextToken();
    }

    private static SourceNode value(JsonParser p, JsonToken t, int depth) {
        TokenStreamLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        if (depth > MAX_DEPTH) {
            throw problem(at, "nested more than " + MAX_DEPTH + " levels deep");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, SourceNode> entries = new LinkedHashMap<>();
                Map<String, int[]> keys = new LinkedHashMap<>();
                for (JsonToken k = next(p); k != JsonToken.END_OBJECT; k = next(p)) {
                    if (k != JsonToken.PROPERTY_NAME) {
                        throw problem(p.currentTokenLocation(), "unexpected " + k + " in a mapping");
                    }
                    String key = p.currentName();
                    TokenStreamLocation keyAt = p.currentTokenLocation();
                    if (entries.containsKey(key)) {
                        throw problem(keyAt, "key '" + key + "' appears twice in the same mapping");
                    }
                    JsonToken v = next(p);
                    if (v == null) {
                        throw problem(keyAt, "the input ends inside a mapping");
                    }
                    entries.put(key, value(p, v, depth + 1));
                    keys.put(key, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
                }
                return new SourceNode.MapNode(entries, keys, line, column);
            }
            case START_ARRAY -> {
                List<SourceNode> items = new ArrayList<>();
                for (JsonToken v = next(p); v != JsonToken.END_ARRAY; v = next(p)) {
                    if (v == null) {
                        throw problem(at, "the input ends inside a list");
                    }
                    items.add(value(p, v, depth + 1));
                }
                return new SourceNode.ListNode(items, line, column);
            }
            case VALUE_STRING -> {
                return new SourceNode.Scalar(p.getString(), SourceNode.Kind.STRING, line, column);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new SourceNode.Scalar(p.getString(), SourceNode.Kind.NUMBER, line, column);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new SourceNode.Scalar(p.getString(), SourceNode.Kind.BOOLEAN, line, column);
            }
            case VALUE_NULL -> {
                return new SourceNode.Scalar("", SourceNode.Kind.NULL, line, column);
            }
            default -> throw problem(at, "unexpected " + t);
        }
    }

    private static String syntax(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        int cut = m.indexOf('\n');
        return "syntax error: " + (cut > 0 ? m.substring(0, cut) : m);
    }

    private static RegisterFormatException problem(TokenStreamLocation at, String message) {
        int line = at == null ? 0 : Math.max(0, at.getLineNr());
        int column = at == null ? 0 : Math.max(0, at.getColumnNr());
        return new RegisterFormatException(new RegisterProblem(line, column, "", message));
    }
}
