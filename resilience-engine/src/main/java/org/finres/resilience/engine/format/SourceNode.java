package org.finres.resilience.engine.format;

import java.util.List;
import java.util.Map;

/** The parsed document with the line and column of every value, so that the mapping can name them in errors. */
sealed interface SourceNode {

    int line();

    int column();

    /** What kind of value this is, in the words of an error message. */
    String describe();

    /** A mapping; {@code keys} holds each key's own position. */
    record MapNode(Map<String, SourceNode> entries, Map<String, int[]> keys, int line, int column)
            implements SourceNode {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record ListNode(List<SourceNode> items, int line, int column) implements SourceNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar with its text as written; {@code kind} tells a string from a number, boolean or empty value. */
    record Scalar(String text, Kind kind, int line, int column) implements SourceNode {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the text '" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'";
                case NUMBER -> "the number " + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "an empty value";
            };
        }
    }

    enum Kind { STRING, NUMBER, BOOLEAN, NULL }
}
