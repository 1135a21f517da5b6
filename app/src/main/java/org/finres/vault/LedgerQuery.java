package org.finres.vault;

import java.time.LocalDate;

import org.finres.core.InvalidInputException;

/** Which ledger entries to list: an institution (null: every one the caller may read), business dates, paging. */
public record LedgerQuery(org.finres.core.InstitutionId institution, LocalDate from, LocalDate to, Long beforeSequence,
                          int limit) {

    public LedgerQuery {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "must be between 1 and 500 (was " + limit + ")");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInputException("from", "must not be after to (" + from + " > " + to + ")");
        }
    }
}
