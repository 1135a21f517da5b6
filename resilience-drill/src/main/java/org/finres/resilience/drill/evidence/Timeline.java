package org.finres.resilience.drill.evidence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The timeline being written during a drill: each append links to the previous entry. Thread-safe. */
public final class Timeline {

    private final Clock clock;
    private final List<TimelineEntry> entries = new ArrayList<>();

    public Timeline(Clock clock) {
        this.clock = clock;
    }

    public synchronized TimelineEntry append(EntryKind kind, String detail) {
        TimelineEntry e = TimelineEntry.next(entries.isEmpty() ? null : entries.getLast(), clock.instant(), kind,
                detail);
        entries.add(e);
        return e;
    }

    public synchronized List<TimelineEntry> entries() {
        return List.copyOf(entries);
    }
}
