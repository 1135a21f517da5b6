package org.finres.coredata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@link DatasetValidator} found. The record counts and control totals are the ones recomputed from the
 * records themselves (not copied from dataset.json), so they are what an attestation or a drill should carry.
 *
 * @param discrepancies        the first {@link #MAX_LISTED} discrepancies, in the order found
 * @param discrepancyCount     all discrepancies, including those not listed
 * @param recordCounts         "customers", "accounts", "balances", "transactions" -> records in the files
 * @param controlTotals        recomputed totals, keys as {@link ControlTotals#asMap()}
 * @param previousBusinessDate the business date of the previous dataset checked for continuity, if any
 */
public record ValidationReport(String institution, LocalDate businessDate, Optional<LocalDate> previousBusinessDate,
        List<Discrepancy> discrepancies, long discrepancyCount, Map<DiscrepancyKind, Long> countsByKind,
        Map<String, Long> recordCounts, Map<String, String> controlTotals) {

    /** Beyond this the report counts discrepancies without keeping them, so a wholly wrong file cannot exhaust memory. */
    public static final int MAX_LISTED = 10_000;

    public ValidationReport {
        discrepancies = List.copyOf(discrepancies);
        countsByKind = Collections.unmodifiableMap(new EnumMap<>(countsByKind.isEmpty()
                ? new EnumMap<>(DiscrepancyKind.class) : countsByKind));
        recordCounts = Collections.unmodifiableMap(new TreeMap<>(recordCounts));
        controlTotals = Collections.unmodifiableMap(new TreeMap<>(controlTotals));
    }

    /** True when nothing disagrees. */
    public boolean valid() {
        return discrepancyCount == 0;
    }

    /** The listed discrepancies of one kind. */
    public List<Discrepancy> discrepancies(DiscrepancyKind kind) {
        return discrepancies.stream().filter(d -> d.kind() == kind).toList();
    }

    /** This report with more discrepancies appended (found outside the dataset, e.g. a source's declared totals). */
    ValidationReport plus(List<Discrepancy> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Discrepancy> all = new ArrayList<>(discrepancies);
        Map<DiscrepancyKind, Long> kinds = new EnumMap<>(DiscrepancyKind.class);
        kinds.putAll(countsByKind);
        for (Discrepancy d : more) {
            if (all.size() < MAX_LISTED) {
                all.add(d);
            }
            kinds.merge(d.kind(), 1L, Long::sum);
        }
        return new ValidationReport(institution, businessDate, previousBusinessDate, all,
                discrepancyCount + more.size(), kinds, recordCounts, controlTotals);
    }
}
