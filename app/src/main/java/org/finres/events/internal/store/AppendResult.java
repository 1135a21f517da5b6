package org.finres.events.internal.store;

import java.util.Set;
import java.util.UUID;

/**
 * What a committed batch came to: events newly stored, and events already there (duplicates, stored once).
 *
 * @param storedIds the ids of the newly stored events when some were duplicates; null when every event was new
 */
public record AppendResult(int stored, int duplicates, Set<UUID> storedIds) {

    public AppendResult(int stored, int duplicates) {
        this(stored, duplicates, null);
    }

    /** Whether the event of this id was newly stored by the batch. */
    public boolean isNew(UUID eventId) {
        return storedIds == null || storedIds.contains(eventId);
    }
}
