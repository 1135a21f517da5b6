package org.finres.cli.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.finres.coredata.CoreDataException;
import org.finres.coredata.DatasetManifest;
import org.finres.coredata.DatasetValidator;
import org.finres.coredata.Discrepancy;
import org.finres.coredata.ProgressListener;
import org.finres.coredata.ValidationReport;

/**
 * A standard core-data dataset checked by core-data's validator: what backup attests and drill compares. The
 * counts and totals are recomputed from the records, not copied from dataset.json.
 */
final class DatasetCheck {

    /** Discrepancies shown on the console; the count says how many more there are. */
    static final int SHOWN = 20;

    record Result(String institution, LocalDate businessDate, Map<String, Long> recordCounts,
                  Map<String, String> controlTotals, List<String> discrepancies, long discrepancyCount) {
    }

    private DatasetCheck() {
    }

    /** The folder's validation when it is a dataset (has dataset.json); empty for any other folder. */
    static Optional<Result> ofFolder(Path folder, ProgressMeter meter) {
        if (!Files.isRegularFile(folder.resolve(DatasetManifest.FILE))) {
            return Optional.empty();
        }
        return Optional.of(validate(folder, Optional.empty(), meter));
    }

    static Result validate(Path dataset, Optional<Path> previous, ProgressMeter meter) {
        ValidationReport report;
        try {
            report = new DatasetValidator(progress -> {
                if (progress.phase() == ProgressListener.Phase.VALIDATING) {
                    meter.update(progress.bytesDone(), progress.bytesTotal(), progress.records(), progress.records(),
                            "validating " + progress.file(), false);
                }
            }).validate(dataset, previous);
        } catch (CoreDataException e) {
            meter.finish();
            throw VaultFailed.invalidData("the dataset " + dataset + " cannot be validated: " + e.getMessage());
        }
        meter.finish();
        return new Result(report.institution(), report.businessDate(), report.recordCounts(), report.controlTotals(),
                report.discrepancies().stream().limit(SHOWN).map(Discrepancy::toString).toList(),
                report.discrepancyCount());
    }
}
