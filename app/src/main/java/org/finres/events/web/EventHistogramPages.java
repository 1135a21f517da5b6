package org.finres.events.web;

import java.time.Clock;
import java.util.List;

import org.finres.core.CurrentActor;
import org.finres.events.search.EventHistogram;
import org.finres.events.search.EventQuery;
import org.finres.events.search.EventSearch;
import org.finres.events.search.SearchRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The explorer's chart data, under the pages' session login rather than the API's tokens. A REST controller so
 * that a refusal is a problem document (the page error handler steps aside for handlers that write a body).
 */
@RestController
@RequestMapping("/events/histogram")
class EventHistogramPages {

    private final EventSearch search;
    private final Clock clock;

    EventHistogramPages(EventSearch search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    /** The histogram's figures for events.js; the same filters as the explorer, so the chart matches the table. */
    record HistogramData(long bucketSeconds, List<Long> starts, List<Long> counts) {
    }

    @GetMapping
    HistogramData histogram(@RequestParam(required = false) String range, @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to,
                            @RequestParam(required = false) String institution,
                            @RequestParam(name = "class", required = false) String classUid,
                            @RequestParam(required = false) String minSeverity,
                            @RequestParam(required = false) String text,
                            @RequestParam(required = false) String observable) {
        EventQuery query = new SearchRequest(from, to, range, institution, classUid, minSeverity, text, observable,
                null, null).toQuery(clock.instant());
        EventHistogram h = search.histogram(CurrentActor.get(), query);
        return new HistogramData(h.bucket().toSeconds(),
                h.buckets().stream().map(b -> b.start().toEpochMilli()).toList(),
                h.buckets().stream().map(EventHistogram.Bucket::count).toList());
    }

}
