package org.finres.coredata;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a source (a CSV folder, a JSON Lines folder, camt.053 statements) into a standard dataset: records are
 * written to a staging folder, the sealed dataset is validated, and only a dataset whose numbers add up (or one
 * the options allow to publish anyway) is moved into place. A malformed source throws
 * {@link MalformedInputException} naming file, line and problem; nothing is published then.
 */
public final class CoreDataImport {

    /** Optional source file of declared totals: columns key,value; keys "records.customers", "closing_balance.TWD"... */
    public static final String CONTROL_TOTALS_CSV = "control_totals.csv";
    /** Optional source file of declared totals for JSON Lines: one object {"closing_balance.TWD":"...", ...}. */
    public static final String CONTROL_TOTALS_JSON = "control_totals.json";

    private final ImportOptions options;
    private final ProgressListener progress;
    private final SourceLayout layout;

    public CoreDataImport(ImportOptions options, ProgressListener progress) {
        this.options = options;
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.layout = new SourceLayout(options.pseudonymiser());
    }

    /**
     * Imports {@code source} in the given format: a folder for CSV and JSON Lines; for camt.053 an .xml file or a
     * folder of them (read in name order).
     */
    public ImportResult from(SourceFormat format, Path source, Path target) {
        return switch (format) {
            case CSV -> fromCsv(source, target);
            case JSON_LINES -> fromJsonLines(source, target);
            case CAMT053 -> fromCamt053(Files.isDirectory(source) ? SourceFormat.xmlFiles(source) : List.of(source),
                    target);
        };
    }

    /** A folder with customers.csv, accounts.csv, balances.csv, transactions.csv and optionally control_totals.csv. */
    public ImportResult fromCsv(Path folder, Path target) {
        return run(target, (writer, declared, found) -> {
            long[] records = {0};
            for (Entity entity : Entity.values()) {
                String name = SourceLayout.fileName(entity, "csv");
                Path file = folder.resolve(name);
                readSource(file, name, (in, size, counting) -> CsvSource.read(name, in,
                        SourceLayout.REQUIRED.get(entity), SourceLayout.OPTIONAL.get(entity), (row, line) -> {
                            writeRow(writer, entity, row, name, line);
                            tick(name, counting, size, ++records[0]);
                        }));
            }
            Path totals = folder.resolve(CONTROL_TOTALS_CSV);
            if (Files.exists(totals)) {
                readSource(totals, CONTROL_TOTALS_CSV, (in, size, counting) -> CsvSource.read(CONTROL_TOTALS_CSV, in,
                        List.of("key", "value"), List.of(), (row, line) -> {
                            String key = row.get("key");
                            String value = row.get("value");
                            checkDeclaredTotal(CONTROL_TOTALS_CSV, line, key, value);
                            if (declared.put(key, value) != null) {
                                throw new MalformedInputException(CONTROL_TOTALS_CSV, "line " + line, "key " + key
                                        + " is declared twice");
                            }
                        }));
            }
            return CONTROL_TOTALS_CSV;
        });
    }

    /**
     * A folder with customers.jsonl, accounts.jsonl, balances.jsonl, transactions.jsonl (keys = the CSV columns)
     * and optionally control_totals.json.
     */
    public ImportResult fromJsonLines(Path folder, Path target) {
        return run(target, (writer, declared, found) -> {
            long[] records = {0};
            for (Entity entity : Entity.values()) {
                String name = SourceLayout.fileName(entity, "jsonl");
                readSource(folder.resolve(name), name, (in, size, counting) -> JsonLinesSource.read(name, in,
                        SourceLayout.REQUIRED.get(entity), SourceLayout.OPTIONAL.get(entity), (row, line) -> {
                            writeRow(writer, entity, row, name, line);
                            tick(name, counting, size, ++records[0]);
                        }));
            }
            Path totals = folder.resolve(CONTROL_TOTALS_JSON);
            if (Files.exists(totals)) {
                try {
                    if (Files.size(totals) > 1 << 20) {
                        throw new MalformedInputException(CONTROL_TOTALS_JSON, "", "larger than 1 MiB");
                    }
                    JsonLinesSource.readDeclared(CONTROL_TOTALS_JSON, Files.readString(totals), declared);
                } catch (java.nio.charset.MalformedInputException e) {
                    throw new MalformedInputException(CONTROL_TOTALS_JSON, "", "not UTF-8");
                } catch (IOException e) {
                    throw new DatasetStorageException("cannot read " + totals, e);
                }
            }
            return CONTROL_TOTALS_JSON;
        });
    }

    private void writeRow(DatasetWriter writer, Entity entity, SourceLayout.Row row, String name, long line) {
        CoreRecord record;
        try {
            record = layout.record(entity, row);
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException(name, "line " + line, e.getMessage());
        }
        writer.write(record, name, line);
    }

    /**
     * ISO 20022 camt.053 statement files (001.02 and later), one Stmt per account; every Stmt's closing balance
     * should be of the business date. Each file is one source for error locations.
     */
    public ImportResult fromCamt053(List<Path> files, Path target) {
        return run(target, (writer, declared, found) -> {
            long[] records = {0};
            Set<String> customers = new HashSet<>();
            for (Path file : files) {
                String name = file.getFileName().toString();
                readSource(file, name, (in, size, counting) -> Camt053Source.read(name, in, new Camt053Mapping(name,
                        writer, options.pseudonymiser(), found, customers,
                        () -> tick(name, counting, size, ++records[0]))));
            }
            return "camt.053";
        });
    }

    /** The source-side body of an import: writes records, fills declared totals, returns their file name. */
    interface Body {
        String run(DatasetWriter writer, Map<String, String> declared, List<Discrepancy> sourceDiscrepancies);
    }

    interface SourceReading {
        void read(InputStream in, long size, DatasetValidator.CountingInput counting);
    }

    ImportResult run(Path target, Body body) {
        try (DatasetWriter writer = DatasetWriter.create(target, options.institution(), options.businessDate())) {
            Map<String, String> declared = new LinkedHashMap<>();
            List<Discrepancy> found = new ArrayList<>();
            String declaredFile = body.run(writer, declared, found);
            DatasetManifest manifest = writer.seal();
            ValidationReport report = new DatasetValidator(progress).validate(writer.stagingFolder(),
                    options.previousDataset(), writer.sources());
            report = report.plus(found).plus(DatasetValidator.compareSourceTotals(declared, report, declaredFile));
            if (!report.valid() && !options.publishWithDiscrepancies()) {
                throw new DatasetRejectedException(report);
            }
            Path published = writer.publish();
            long all = report.recordCounts().values().stream().mapToLong(Long::longValue).sum();
            progress.progressed(new ProgressListener.Progress(ProgressListener.Phase.PUBLISHED, published.toString(),
                    0, -1, all));
            return new ImportResult(published, manifest, report);
        }
    }

    void readSource(Path file, String name, SourceReading reading) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new MalformedInputException(name, "", "the source file is missing (expected in " + file.getParent()
                    + ")");
        } catch (IOException e) {
            throw new DatasetStorageException("cannot read " + file, e);
        }
        try (InputStream raw = Files.newInputStream(file);
             DatasetValidator.CountingInput counting = new DatasetValidator.CountingInput(
                     new BufferedInputStream(raw, 1 << 16))) {
            reading.read(counting, size, counting);
        } catch (IOException e) {
            throw new DatasetStorageException("cannot read " + file, e);
        }
        progress.progressed(new ProgressListener.Progress(ProgressListener.Phase.IMPORTING, name, size, size, 0));
    }

    void tick(String file, DatasetValidator.CountingInput counting, long size, long records) {
        if (records % 8192 == 0) {
            progress.progressed(new ProgressListener.Progress(ProgressListener.Phase.IMPORTING, file, counting.count,
                    size, records));
        }
    }

    static void checkDeclaredTotal(String file, long line, String key, String value) {
        if (key == null || value == null) {
            throw new MalformedInputException(file, "line " + line, "key and value are both required");
        }
        if (key.startsWith("records.")) {
            String kind = key.substring("records.".length());
            boolean known = false;
            for (Entity e : Entity.values()) {
                known |= e.key().equals(kind);
            }
            if (!known || !value.matches("[0-9]{1,18}")) {
                throw new MalformedInputException(file, "line " + line, "record count " + key + " = " + value
                        + " is not records.<customers|accounts|balances|transactions> = a whole number");
            }
            return;
        }
        try {
            ControlTotals.fromMap(expandForCheck(key, value));
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException(file, "line " + line, e.getMessage());
        }
    }

    /** fromMap wants all five kinds of a currency; fill the others with zero to check just this key. */
    private static Map<String, String> expandForCheck(String key, String value) {
        int dot = key.lastIndexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("unknown control total " + CurrencyCode.quote(key));
        }
        String currency = key.substring(dot + 1);
        Map<String, String> map = new LinkedHashMap<>();
        for (String kind : List.of(ControlTotals.OPENING, ControlTotals.CLOSING, ControlTotals.AVAILABLE,
                ControlTotals.DEBITS, ControlTotals.CREDITS)) {
            map.put(kind + "." + currency, "0");
        }
        map.put(key, value);
        return map;
    }

}
