package org.finres.coredata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The source formats an import reads (FORMAT.md section 5). */
public enum SourceFormat {
    /** A folder with customers.csv, accounts.csv, balances.csv, transactions.csv. */
    CSV,
    /** A folder with customers.jsonl, accounts.jsonl, balances.jsonl, transactions.jsonl. */
    JSON_LINES,
    /** One or more camt.053 XML files, or a folder of them (*.xml, in name order). */
    CAMT053;

    /** Parses "csv", "jsonl"/"json-lines", "camt053"/"camt.053", any case. */
    public static SourceFormat parse(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "jsonl", "json-lines", "json_lines", "ndjson" -> JSON_LINES;
            case "camt053", "camt.053", "camt-053", "iso20022" -> CAMT053;
            default -> throw new IllegalArgumentException("unknown source format " + CurrencyCode.quote(text)
                    + " (csv, jsonl or camt053)");
        };
    }

    /**
     * Recognises a source by its files: a folder holding customers.csv is CSV, customers.jsonl is JSON Lines,
     * an .xml file or a folder of .xml files is camt.053.
     */
    public static SourceFormat detect(Path source) {
        if (Files.isDirectory(source)) {
            if (Files.exists(source.resolve("customers.csv"))) {
                return CSV;
            }
            if (Files.exists(source.resolve("customers.jsonl"))) {
                return JSON_LINES;
            }
            if (!xmlFiles(source).isEmpty()) {
                return CAMT053;
            }
        } else if (source.getFileName() != null
                && source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")) {
            return CAMT053;
        }
        throw new MalformedInputException(source.toString(), "", "not a core-data source: expected a folder with "
                + "customers.csv or customers.jsonl, or camt.053 .xml files");
    }

    static List<Path> xmlFiles(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new DatasetStorageException("cannot list " + folder, e);
        }
    }
}
