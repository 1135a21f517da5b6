package org.finres.events.search;

/** One event opened in full: its typed columns and its OCSF JSON document as stored. */
public record EventDetail(EventSummary summary) {

    public String ocsfJson() {
        return summary.ocsfJson();
    }
}
