package org.finres.events.internal.store;

/** What a committed batch came to: events newly stored, and events already there (duplicates, stored once). */
public record AppendResult(int stored, int duplicates) {
}
