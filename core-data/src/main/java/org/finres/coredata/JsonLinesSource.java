package org.finres.coredata;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON Lines source file: one JSON object per line whose keys are the columns of the CSV layout.
 * Values are strings (amounts must be, so no parser ever turns them into floating point), optional columns may
 * be null or absent, unknown keys are ignored as unknown CSV columns are; blank lines are skipped.
 */
final class JsonLinesSource {

    private JsonLinesSource() {
    }

    static void read(String file, InputStream in, List<String> required, List<String> optional,
            CsvSource.RowConsumer consumer) {
        try (LineReader lines = new LineReader(in)) {
            String text;
            while (true) {
                try {
                    text = lines.next();
                } catch (IOException e) {
                    throw new MalformedInputException(file, "line " + lines.lineNumber(), e.getMessage());
                }
                if (text == null) {
                    return;
                }
                if (text.isBlank()) {
                    continue;
                }
                long line = lines.lineNumber();
                JsonNode node;
                try {
                    node = RecordJson.MAPPER.readTree(text);
                } catch (JacksonException e) {
                    throw new MalformedInputException(file, "line " + line, "not a JSON object: "
                            + e.getOriginalMessage());
                }
                if (node == null || !node.isObject()) {
                    throw new MalformedInputException(file, "line " + line, "not a JSON object");
                }
                for (String column : required) {
                    check(file, line, node, column);
                }
                for (String column : optional) {
                    check(file, line, node, column);
                }
                consumer.row(column -> {
                    JsonNode v = node.get(column);
                    return v == null || v.isNull() || v.stringValue().isEmpty() ? null : v.stringValue();
                }, line);
            }
        } catch (IOException e) {
            throw new DatasetStorageException("cannot read " + file, e);
        }
    }

    private static void check(String file, long line, JsonNode node, String column) {
        JsonNode v = node.get(column);
        if (v != null && !v.isNull() && !v.isString()) {
            throw new MalformedInputException(file, "line " + line, "\"" + column + "\" must be a string"
                    + (SourceLayout.AMOUNTS.contains(column)
                    ? " (amounts are decimal strings such as \"1200.50\", so no floating point can change them)"
                    : ""));
        }
    }

    /** control_totals.json: one flat object of declared totals, values strings ({"closing_balance.TWD":"..."}). */
    static void readDeclared(String file, String json, Map<String, String> declared) {
        JsonNode node;
        try {
            node = RecordJson.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new MalformedInputException(file, "line " + (e.getLocation() == null ? 1
                    : e.getLocation().getLineNr()), "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedInputException(file, "", "must be one JSON object of key -> decimal string");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isString()) {
                throw new MalformedInputException(file, "key " + e.getKey(), "the value must be a decimal string");
            }
            CoreDataImport.checkDeclaredTotal(file, 0, e.getKey(), e.getValue().stringValue());
            declared.put(e.getKey(), e.getValue().stringValue());
        }
    }
}
