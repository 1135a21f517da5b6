package org.finres.intel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What became of one POST of objects: TAXII's status resource. Every POST is processed before it is answered. */
public record PostStatus(UUID id, Instant requestTimestamp, List<StatusDetail> successes, List<StatusDetail> failures) {

    public PostStatus {
        successes = List.copyOf(successes);
        failures = List.copyOf(failures);
    }

    public int totalCount() {
        return successes.size() + failures.size();
    }
}
