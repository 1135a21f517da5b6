package org.finres.cli.vault;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.finres.cli.CliEnvironment;
import org.finres.cli.ExitStatus;
import org.finres.cli.remote.Output;
import org.finres.coredata.CoreDataImport;
import org.finres.coredata.CustomerPseudonymiser;
import org.finres.coredata.DatasetRejectedException;
import org.finres.coredata.DatasetStorageException;
import org.finres.coredata.ImportOptions;
import org.finres.coredata.ImportResult;
import org.finres.coredata.MalformedInputException;
import org.finres.coredata.ProgressListener;
import org.finres.coredata.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import",
        description = {"Convert an export (a CSV folder, a JSON Lines folder, or camt.053 statement files) into a "
                + "standard core-data dataset folder, pseudonymising customer references with the institution's "
                + "secret, and validate it: per account opening + entries = closing, declared control totals, "
                + "record counts, and continuity with --previous.",
                "A dataset that does not add up is not published (every discrepancy is listed) unless "
                        + "--allow-discrepancies. A malformed input names file, line and problem.",
                "Exit codes: 0 imported, 1 usage, 7 storage failed, 8 malformed input or discrepancies."})
final class ImportCommand implements Callable<Integer> {

    static final String SECRET_VARIABLE = "FINRES_PSEUDONYM_SECRET";

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "F", required = true,
            description = "csv (a folder of customers.csv, accounts.csv, balances.csv, transactions.csv), jsonl "
                    + "(the same as .jsonl) or camt053 (statement files, or folders of .xml).")
    String format;

    @Option(names = "--institution", paramLabel = "SLUG", required = true, description = "The institution (tenant slug).")
    String institution;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", required = true, description = "The business date.")
    LocalDate date;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The dataset folder to make (absent).")
    Path out;

    @Option(names = "--previous", paramLabel = "DIR", description = "The previous business date's dataset, for the "
            + "continuity check (yesterday's closing = today's opening).")
    Path previous;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "The pseudonymisation secret (at least 32 "
            + "bytes). Default: environment " + SECRET_VARIABLE + ".")
    Path secretFile;

    @Option(names = "--allow-discrepancies", description = "Publish the dataset even when it does not add up.")
    boolean allowDiscrepancies;

    @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "The source folder (csv, jsonl) or files "
            + "(camt053).")
    List<Path> sources;

    @Override
    public Integer call() {
        String kind = format.toLowerCase(Locale.ROOT).replace(".", "").replace("-", "");
        if (!List.of("csv", "jsonl", "jsonlines", "camt053").contains(kind)) {
            throw Secrets.usage(spec, "--format must be csv, jsonl or camt053, not '" + format + "'");
        }
        if (!kind.equals("camt053") && sources.size() != 1) {
            throw Secrets.usage(spec, "--format " + format + " reads one source folder, not " + sources.size());
        }
        for (Path source : sources) {
            if (!Files.exists(source)) {
                throw VaultFailed.storage("cannot import " + source + ": no such file or folder", null);
            }
        }
        if (Files.exists(out)) {
            throw VaultFailed.storage("will not import into " + out + ": it exists (a dataset folder is made new)",
                    null);
        }
        ImportOptions options;
        try {
            options = ImportOptions.of(institution, date, new CustomerPseudonymiser(secret()));
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, e.getMessage());
        }
        if (previous != null) {
            options = options.withPreviousDataset(previous);
        }
        if (allowDiscrepancies) {
            options = options.publishingWithDiscrepancies();
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        ProgressMeter meter = new ProgressMeter(err, ProgressMeter.style("auto", err), "importing");
        CoreDataImport importer = new CoreDataImport(options, progress -> {
            if (progress.phase() != ProgressListener.Phase.PUBLISHED) {
                meter.update(progress.bytesDone(), progress.bytesTotal(), progress.records(), progress.records(),
                        progress.phase().name().toLowerCase(Locale.ROOT) + " " + progress.file(), false);
            }
        });
        ImportResult result;
        try {
            result = switch (kind) {
                case "csv" -> importer.fromCsv(sources.getFirst(), out);
                case "camt053" -> importer.fromCamt053(camtFiles(), out);
                default -> importer.fromJsonLines(sources.getFirst(), out);
            };
            meter.finish();
        } catch (MalformedInputException e) {
            meter.finish();
            throw VaultFailed.invalidData("malformed input, nothing imported: " + e.getMessage());
        } catch (DatasetRejectedException e) {
            meter.finish();
            list(err, e.report());
            throw VaultFailed.invalidData("the import does not add up (" + e.report().discrepancyCount()
                    + " discrepancies, listed above); nothing was published. Fix the export, or pass "
                    + "--allow-discrepancies");
        } catch (DatasetStorageException e) {
            meter.finish();
            throw new VaultFailed(ExitStatus.STORAGE, "import into " + out + " failed: " + e.getMessage(), e);
        }
        ValidationReport report = result.report();
        o.println("imported " + Output.printable(institution) + "@" + date + " into " + result.dataset());
        report.recordCounts().forEach((k, v) -> o.println("  " + k + ": " + v));
        report.controlTotals().forEach((k, v) -> o.println("  " + k + " = " + v));
        if (!report.valid()) {
            list(err, report);
            o.println("published WITH " + report.discrepancyCount() + " discrepancies (--allow-discrepancies)");
        }
        return ExitStatus.OK.code();
    }

    private static void list(PrintWriter err, ValidationReport report) {
        report.discrepancies().stream().limit(DatasetCheck.SHOWN)
                .forEach(d -> err.println("  " + Output.printable(d.toString())));
        if (report.discrepancyCount() > DatasetCheck.SHOWN) {
            err.println("  ... and " + (report.discrepancyCount() - DatasetCheck.SHOWN) + " more");
        }
    }

    private List<Path> camtFiles() {
        List<Path> files = new ArrayList<>();
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                try (Stream<Path> s = Files.list(source)) {
                    s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw VaultFailed.storage("cannot list " + source, e);
                }
            } else {
                files.add(source);
            }
        }
        if (files.isEmpty()) {
            throw Secrets.usage(spec, "no camt.053 .xml files in " + sources);
        }
        return files;
    }

    private byte[] secret() {
        if (secretFile != null) {
            return KeyFiles.read(secretFile, "pseudonymisation secret file");
        }
        return CliEnvironment.of(spec).variable(SECRET_VARIABLE).map(v -> v.getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> Secrets.usage(spec, "no pseudonymisation secret: pass --secret-file FILE or set "
                        + SECRET_VARIABLE + " (at least 32 bytes; the same every night, or customers do not link)"));
    }
}
