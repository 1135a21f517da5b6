package org.finres.resilience.drill.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * The plan document read through Jackson's streaming parsers, keeping each value's line (a data tree would lose
 * them) so that every plan error names where it is.
 */
sealed interface PlanNode {

    int line();

    int column();

    String describe();

    record MapNode(Map<String, PlanNode> entries, int line, int column) implements PlanNode {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record ListNode(List<PlanNode> items, int line, int column) implements PlanNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar as written; {@code string} tells quoted or plain text from numbers, booleans and empty values. */
    record Scalar(String text, boolean string, boolean empty, int line, int column) implements PlanNode {
        @Override
        public String describe() {
            return empty ? "an empty value" : "'" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'";
        }
    }

    int MAX_DEPTH = 32;

    static PlanNode read(byte[] input) {
        boolean json = false;
        for (byte b : input) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                json = b == '{' || b == '[';
                break;
            }
        }
        try (JsonParser p = json ? JsonFactory.builder().build().createParser(ObjectReadContext.empty(), input)
                : YAMLFactory.builder().build().createParser(ObjectReadContext.empty(), input)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new PlanFormatException(new PlanProblem(1, 1, "", "the plan is empty"));
            }
            PlanNode root = value(p, first, 0);
            if (p.nextToken() != null) {
                throw problem(p.currentTokenLocation(), "more than one document; a plan is one document");
            }
            return root;
        } catch (JacksonException e) {
            String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            int cut = m.indexOf('\n');
            throw problem(e.getLocation(), "syntax error: " + (cut > 0 ? m.substring(0, cut) : m));
        } catch (PlanFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // The YAML engine below Jackson throws its own runtime exceptions on some malformed input.
            throw new PlanFormatException(new PlanProblem(0, 0, "", "not readable as " + (json ? "JSON" : "YAML")
                    + ": " + e.getClass().getSimpleName() + " " + e.getMessage()));
        }
    }

    private static PlanNode value(JsonParser p, JsonToken t, int depth) {
        TokenStreamLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        if (depth > MAX_DEPTH) {
            throw problem(at, "nested more than " + MAX_DEPTH + " levels deep");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, PlanNode> entries = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    if (k != JsonToken.PROPERTY_NAME) {
                        throw problem(p.currentTokenLocation(), "unexpected " + k + " in a mapping");
                    }
                    String key = p.currentName();
                    TokenStreamLocation keyAt = p.currentTokenLocation();
                    if (entries.containsKey(key)) {
                        throw problem(keyAt, "key '" + key + "' appears twice in the same mapping");
                    }
                    JsonToken v = p.nextToken();
                    if (v == null) {
                        throw problem(keyAt, "the input ends inside a mapping");
                    }
                    entries.put(key, value(p, v, depth + 1));
                }
                return new MapNode(entries, line, column);
            }
            case START_ARRAY -> {
                List<PlanNode> items = new ArrayList<>();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    if (v == null) {
                        throw problem(at, "the input ends inside a list");
                    }
                    items.add(value(p, v, depth + 1));
                }
                return new ListNode(items, line, column);
            }
            case VALUE_STRING -> {
                return new Scalar(p.getString(), true, false, line, column);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                return new Scalar(p.getString(), false, false, line, column);
            }
            case VALUE_NULL -> {
                return new Scalar("", false, true, line, column);
            }
            default -> throw problem(at, "unexpected " + t);
        }
    }

    private static PlanFormatException problem(TokenStreamLocation at, String message) {
        return new PlanFormatException(new PlanProblem(at == null ? 0 : Math.max(0, at.getLineNr()),
                at == null ? 0 : Math.max(0, at.getColumnNr()), "", message));
    }
}
