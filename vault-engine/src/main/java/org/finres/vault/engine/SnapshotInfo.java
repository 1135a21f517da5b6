package org.finres.vault.engine;

import java.time.LocalDate;
import java.util.Objects;

/** What a snapshot is of: one institution's data as of one business date (the repository keeps one per pair). */
public record SnapshotInfo(String institution, LocalDate businessDate) {

    public SnapshotInfo {
        Objects.requireNonNull(businessDate, "businessDate");
        if (institution == null || institution.isBlank() || institution.length() > 200
                || institution.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("institution must be 1 to 200 printable characters: " + institution);
        }
    }

    @Override
    public String toString() {
        return institution + "@" + businessDate;
    }
}
