package org.finres.cli.remote;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;

/**
 * One column of a table, or one line of a record, taken from a JSON object of the hub's API.
 *
 * @param heading what the column or line is called
 * @param value   the cell text for one object; empty for a missing or null field
 */
public record Column(String heading, Function<JsonNode, String> value) {

    public static Column text(String heading, String field) {
        return new Column(heading, node -> Output.text(node.path(field)));
    }

    /** A timestamp to the second in UTC: the hub's fractions of a second only make a table wider. */
    public static Column instant(String heading, String field) {
        return new Column(heading, node -> {
            String text = Output.text(node.path(field));
            try {
                return text.isEmpty() ? "" : Instant.parse(text).truncatedTo(ChronoUnit.SECONDS).toString();
            } catch (DateTimeParseException e) {
                return text;
            }
        });
    }

    /** An array of strings as "a, b". */
    public static Column list(String heading, String field) {
        return new Column(heading, node -> StreamSupport.stream(node.path(field).spliterator(), false)
                .map(Output::text).collect(Collectors.joining(", ")));
    }

    /** A boolean as one of two words that read well in the column ("yes"/"no", "active"/"inactive"). */
    public static Column flag(String heading, String field, String whenTrue, String whenFalse) {
        return new Column(heading, node -> node.path(field).isBoolean()
                ? (node.path(field).booleanValue() ? whenTrue : whenFalse) : "");
    }
}
