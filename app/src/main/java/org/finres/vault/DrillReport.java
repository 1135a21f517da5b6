package org.finres.vault;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;

/**
 * The evidence of one restore drill as the drill run reports it: which snapshot was restored, when, how long each
 * phase took (seconds), what was restored, whether the control totals matched, the discrepancies, the target and the
 * outcome. The constructor refuses an outcome the evidence contradicts, so a PASSED drill always is one.
 */
public record DrillReport(InstitutionId institution, String repositoryId, String snapshotId, LocalDate businessDate,
                          Instant startedAt, Instant finishedAt, Map<String, Double> phases, long files, long bytes,
                          boolean controlTotalsMatch, List<String> discrepancies, long targetSeconds,
                          DrillOutcome outcome) {

    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PHASE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    public DrillReport {
        require(institution != null, "institution", "is required");
        require(repositoryId != null && HEX32.matcher(repositoryId).matches(), "repositoryId",
                "must be 32 lower-case hex digits");
        require(snapshotId != null && HEX64.matcher(snapshotId).matches(), "snapshotId",
                "must be 64 lower-case hex digits");
        require(businessDate != null, "businessDate", "is required (yyyy-mm-dd)");
        require(startedAt != null, "startedAt", "is required (an ISO instant)");
        require(finishedAt != null, "finishedAt", "is required (an ISO instant)");
        require(!finishedAt.isBefore(startedAt), "finishedAt", "must not be before startedAt");
        require(phases != null && !phases.isEmpty() && phases.size() <= 20, "phases",
                "must name 1 to 20 phases with their seconds");
        Map<String, Double> copy = new LinkedHashMap<>();
        phases.forEach((k, v) -> {
            require(k != null && PHASE.matcher(k).matches(), "phases", "names must be lower-case words (was '"
                    + InvalidInputException.preview(k) + "')");
            require(v != null && v >= 0 && Double.isFinite(v), "phases." + k, "must be seconds >= 0");
            copy.put(k, v);
        });
        phases = java.util.Collections.unmodifiableMap(copy);
        require(files >= 0, "files", "must be >= 0");
        require(bytes >= 0, "bytes", "must be >= 0");
        require(discrepancies != null && discrepancies.size() <= 1000, "discrepancies", "must be a list of at most 1000");
        discrepancies.forEach(d -> require(d != null && !d.isBlank() && d.length() <= 2000, "discrepancies",
                "entries must have 1 to 2000 characters"));
        discrepancies = List.copyOf(discrepancies);
        require(targetSeconds > 0, "targetSeconds", "must be > 0 (the restore target, 86400 for 24 hours)");
        require(outcome != null, "outcome", "is required: PASSED or FAILED");
        if (outcome == DrillOutcome.PASSED) {
            require(controlTotalsMatch, "outcome", "PASSED contradicts controlTotalsMatch=false");
            require(discrepancies.isEmpty(), "outcome", "PASSED contradicts " + discrepancies.size() + " discrepancies");
            require(Duration.between(startedAt, finishedAt).toSeconds() <= targetSeconds, "outcome",
                    "PASSED contradicts a drill of " + Duration.between(startedAt, finishedAt).toSeconds()
                            + " s against a target of " + targetSeconds + " s");
        }
    }

    public long elapsedSeconds() {
        return Duration.between(startedAt, finishedAt).toSeconds();
    }

    public boolean withinTarget() {
        return elapsedSeconds() <= targetSeconds;
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new InvalidInputException(field, problem);
        }
    }
}
