package org.finres.coredata;

import java.time.LocalDate;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What an import needs besides its source.
 *
 * @param institution              the institution whose data it is (its tenant slug), recorded in dataset.json
 * @param businessDate             the business date the data is of
 * @param pseudonymiser            turns customer references into customer ids (the institution's secret)
 * @param previousDataset          the previous business date's dataset, checked for continuity when present
 * @param publishWithDiscrepancies publish even when the numbers do not add up (the report still lists
 *                                 everything); by default such an import is rejected and nothing is published
 */
public record ImportOptions(String institution, LocalDate businessDate, CustomerPseudonymiser pseudonymiser,
        Optional<Path> previousDataset, boolean publishWithDiscrepancies) {

    public ImportOptions {
        Fields.id(institution, "institution");
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        Objects.requireNonNull(previousDataset, "previousDataset");
    }

    /** Strict options: no previous dataset, reject on any discrepancy. */
    public static ImportOptions of(String institution, LocalDate businessDate, CustomerPseudonymiser pseudonymiser) {
        return new ImportOptions(institution, businessDate, pseudonymiser, Optional.empty(), false);
    }

    public ImportOptions withPreviousDataset(Path previous) {
        return new ImportOptions(institution, businessDate, pseudonymiser, Optional.of(previous),
                publishWithDiscrepancies);
    }

    public ImportOptions publishingWithDiscrepancies() {
        return new ImportOptions(institution, businessDate, pseudonymiser, previousDataset, true);
    }

}
