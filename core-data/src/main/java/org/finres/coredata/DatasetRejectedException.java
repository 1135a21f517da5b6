package org.finres.coredata;

/** An import whose numbers do not add up: nothing was published, the report lists every discrepancy. */
public final class DatasetRejectedException extends CoreDataException {

    private final ValidationReport report;

    public DatasetRejectedException(ValidationReport report) {
        super("the dataset has " + report.discrepancyCount() + " discrepanc"
                + (report.discrepancyCount() == 1 ? "y" : "ies") + " and was not published"
                + (report.discrepancies().isEmpty() ? "" : "; first: " + report.discrepancies().getFirst()), null);
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
