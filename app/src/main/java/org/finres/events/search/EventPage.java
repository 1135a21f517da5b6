package org.finres.events.search;

import java.util.List;

/** One page of search results, newest first; {@code next} is null on the last page. */
public record EventPage(List<EventSummary> events, EventCursor next) {

    public EventPage {
        events = List.copyOf(events);
    }
}
