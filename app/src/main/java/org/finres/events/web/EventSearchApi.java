package org.finres.events.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.events.search.EventDetail;
import org.finres.events.search.EventHistogram;
import org.finres.events.search.EventPage;
import org.finres.events.search.EventSearch;
import org.finres.events.search.EventSummary;
import org.finres.events.search.SearchRequest;
import org.finres.events.search.SourceCompleteness;
import org.finres.events.search.SourceStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading the event plane: search, histogram, one event in full, and the sources' completeness. */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Event search", description = "Search stored security events within the caller's tenancy")
class EventSearchApi {

    private final EventSearch search;
    private final SourceCompleteness completeness;
    private final JsonMapper json;
    private final Clock clock;

    EventSearchApi(EventSearch search, SourceCompleteness completeness, JsonMapper json, Clock clock) {
        this.search = search;
        this.completeness = completeness;
        this.json = json;
        this.clock = clock;
    }

    /** One event: the typed columns, and its OCSF document when the answer carries documents. */
    record EventView(String institution, Instant eventTime, UUID eventId, Instant receivedAt, int categoryUid,
                     int classUid, long typeUid, int severityId, int priority, Integer incidentLevel,
                     String sourceName, String srcIp, String dstIp, String userName, String deviceName,
                     List<String> observables, String message, JsonNode ocsf) {
    }

    record SearchAnswer(List<EventView> events, String next) {
    }

    record HistogramAnswer(Instant from, Instant to, long bucketSeconds, List<EventHistogram.Bucket> buckets) {
    }

    record SourceView(String institution, String sourceName, long eventsTotal, Instant firstReceived,
                      Instant lastReceived, Instant lastEventTime, long lagSeconds, long expectedIntervalSeconds,
                      boolean silent, Instant silentSince, double ratePerMinute, long gapMinutes,
                      long meanLagMillis, long maxLagMillis) {
        static SourceView of(SourceStatus s) {
            return new SourceView(s.institution().value(), s.sourceName(), s.eventsTotal(), s.firstReceived(),
                    s.lastReceived(), s.lastEventTime(), s.lag().toSeconds(), s.expectedInterval().toSeconds(),
                    s.silent(), s.silentSince(), s.ratePerMinute(), s.gapMinutes(), s.meanLagMillis(), s.maxLagMillis());
        }
    }

    @GetMapping("/search")
    @Operation(summary = "Search events, newest first, within your tenancy; page on with the answer's `next` as `cursor`. "
            + "from/to are ISO-8601 (default: the last 24 hours); limit at most 500.")
    SearchAnswer search(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestParam(required = false) String institution,
                        @RequestParam(name = "class", required = false) String classUid,
                        @RequestParam(required = false) String minSeverity, @RequestParam(required = false) String text,
                        @RequestParam(required = false) String observable, @RequestParam(required = false) String cursor,
                        @RequestParam(required = false) String limit) {
        SearchRequest request = new SearchRequest(from, to, null, institution, classUid, minSeverity, text, observable,
                cursor, limit);
        EventPage page = search.search(CurrentActor.get(), request.toQuery(clock.instant()), true);
        return new SearchAnswer(page.events().stream().map(this::view).toList(),
                page.next() == null ? null : page.next().encode());
    }

    @GetMapping("/histogram")
    @Operation(summary = "Event counts per time bucket for the same filters as search; the bucket size follows the range.")
    HistogramAnswer histogram(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @RequestParam(required = false) String institution,
                              @RequestParam(name = "class", required = false) String classUid,
                              @RequestParam(required = false) String minSeverity,
                              @RequestParam(required = false) String text,
                              @RequestParam(required = false) String observable) {
        SearchRequest request = new SearchRequest(from, to, null, institution, classUid, minSeverity, text, observable,
                null, null);
        EventHistogram h = search.histogram(CurrentActor.get(), request.toQuery(clock.instant()));
        return new HistogramAnswer(h.from(), h.to(), h.bucket().toSeconds(), h.buckets());
    }

    @GetMapping("/sources")
    @Operation(summary = "Completeness per institution and source: events, last received, last event time, lag, "
            + "rate and gaps over the last hour, silent flag.")
    List<SourceView> sources(@RequestParam(required = false) String institution) {
        InstitutionId filter = institution == null || institution.isBlank() ? null : InstitutionId.of(institution.strip());
        return completeness.sources(CurrentActor.get(), filter).stream().map(SourceView::of).toList();
    }

    @GetMapping("/{institution}/{eventId}")
    @Operation(summary = "One event with its full OCSF document; `time` (the event time, ISO-8601) makes the lookup "
            + "cheap. The read is recorded in the audit trail.")
    EventView event(@PathVariable String institution, @PathVariable String eventId,
                    @RequestParam(required = false) String time) {
        InstitutionId owner;
        UUID id;
        try {
            owner = InstitutionId.of(institution);
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            // A malformed id names no event anyone has: the same answer as another tenant's event.
            throw new NotFoundException("security_event", eventId);
        }
        Instant at = time == null || time.isBlank() ? null : parseTime(time);
        EventDetail detail = search.get(CurrentActor.get(), owner, id, at);
        return view(detail.summary());
    }

    private EventView view(EventSummary e) {
        JsonNode ocsf = e.ocsfJson() == null ? null : json.readTree(e.ocsfJson());
        return new EventView(e.institution().value(), e.eventTime(), e.eventId(), e.receivedAt(), e.categoryUid(),
                e.classUid(), e.typeUid(), e.severityId(), e.priority(), e.incidentLevel(), e.sourceName(), e.srcIp(),
                e.dstIp(), e.userName(), e.deviceName(), e.observables(), e.message(), ocsf);
    }

    static Instant parseTime(String time) {
        try {
            return Instant.parse(time.strip());
        } catch (java.time.DateTimeException e) {
            throw new InvalidInputException("time", "is not an ISO-8601 instant");
        }
    }
}
