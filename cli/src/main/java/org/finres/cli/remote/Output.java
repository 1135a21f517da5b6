package org.finres.cli.remote;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * How a command shows its result: readable text by default, or with {@code --json} the hub's JSON unchanged
 * (indented), for scripts and {@code jq}.
 */
public final class Output {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--json", description = "Print the hub's JSON instead of text.")
    private boolean json;

    public boolean json() {
        return json;
    }

    public PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** A JSON array of objects as a table, or {@code none} when it is empty. */
    public void table(JsonNode array, List<Column> columns, String none) {
        if (json) {
            raw(array);
            return;
        }
        if (array.isEmpty()) {
            out().println(none);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode item : array) {
            rows.add(columns.stream().map(c -> c.value().apply(item)).toList());
        }
        new TextTable(columns.stream().map(Column::heading).toList(), rows).printTo(out());
    }

    /** One JSON object as "heading  value" lines. */
    public void record(JsonNode object, List<Column> fields) {
        if (json) {
            raw(object);
            return;
        }
        new TextTable(List.of(), fields.stream()
                .map(f -> List.of(f.heading() + ":", f.value().apply(object))).toList()).printTo(out());
    }

    /** A line of text, left out with --json so that the output stays one JSON document. */
    public void line(String text) {
        if (!json) {
            out().println(printable(text));
        }
    }

    /** What a slow step is doing, on stderr so that stdout stays the result (and one JSON document with --json). */
    public void progress(String text) {
        command.commandLine().getErr().println(printable(text));
    }

    /** The JSON as received, indented; nothing for an empty response. */
    public void raw(JsonNode node) {
        if (!node.isMissingNode()) {
            out().println(HubClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        }
    }

    /** A field's text: a string as is, null or missing as empty, anything else as JSON. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    /**
     * The text with control characters replaced, because names and messages come from other people: an escape
     * sequence in an institution's name must not be able to rewrite the operator's terminal.
     */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E)
                    || (cp >= 0x2066 && cp <= 0x2069)) {
                safe.append('\uFFFD');
            } else {
                safe.appendCodePoint(cp);
            }
        });
        return safe.toString();
    }
}
