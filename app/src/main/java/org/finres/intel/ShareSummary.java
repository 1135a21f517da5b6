package org.finres.intel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.stix.Tlp;

/**
 * What became of one upload: each object accepted, a duplicate (same id and version, or an indicator pattern the
 * same institution already shared), a corroboration (an indicator pattern another member already shared, counted
 * for it rather than stored twice) or withheld (the submitter's own identity in an anonymous share); and every
 * row, attribute or object rejected, with why. {@code institution} is the true submitter: shown to it and the
 * hub only. The counts are totals; {@code objects} and {@code rejected} list at most {@link #LISTED} each, in
 * upload order, so that a 100 000-row list does not answer with a 30 MB summary.
 */
public record ShareSummary(UUID id, Instant submittedAt, InstitutionId institution, String submittedBy, ShareFormat format,
                           Attribution attribution, Tlp tlp, String fileName, int accepted, int duplicates,
                           int corroborations, int withheld, int rejectedCount, List<ObjectOutcome> objects,
                           List<Rejection> rejected) {

    public static final int LISTED = 1000;

    public ShareSummary {
        objects = List.copyOf(objects);
        rejected = List.copyOf(rejected);
    }

    public enum Outcome { ACCEPTED, DUPLICATE, CORROBORATION, WITHHELD }

    /**
     * @param collection the collection alias the object went to (or would have)
     * @param detail     for a corroboration, the indicator it corroborates; for a duplicate, why
     */
    public record ObjectOutcome(String id, String type, String collection, Tlp tlp, Outcome outcome, String detail) {
    }

    /**
     * @param location where in the upload: {@code line 7, column value}, {@code $.Event.Attribute[3].value},
     *                 {@code $.objects[2]}
     * @param id       the object's id when it had one
     */
    public record Rejection(String location, String id, String reason) {
    }
}
