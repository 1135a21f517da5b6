package org.finres.events.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.events.OcsfClass;
import org.finres.events.search.EventDetail;
import org.finres.events.search.EventPage;
import org.finres.events.search.EventQuery;
import org.finres.events.search.EventSearch;
import org.finres.events.search.SearchRequest;
import org.finres.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event explorer: a filter form, a time histogram drawn by events.js from {@code /events/histogram} (see
 * {@link EventHistogramPages}), a result table paged by cursor, and one event's OCSF document.
 */
@Controller
@RequestMapping("/events")
class EventsPages {

    private final EventSearch search;
    private final Institutions institutions;
    private final JsonMapper json;
    private final Clock clock;

    EventsPages(EventSearch search, Institutions institutions, JsonMapper json, Clock clock) {
        this.search = search;
        this.institutions = institutions;
        this.json = json;
        this.clock = clock;
    }

    /** The only menu entry of the event plane; its other pages are tabs of this one. */
    @Bean
    static NavigationEntry eventsNavigation() {
        return NavigationEntry.requiring(Permission.EVENTS_READ, "nav.events", "/events", 200);
    }

    /** The form as given, echoed back into the fields and into the paging and histogram links. */
    record Filter(String range, String from, String to, String institution, String classUid, String minSeverity,
                  String text, String observable, String cursor) {

        SearchRequest request() {
            return new SearchRequest(from, to, range, institution, classUid, minSeverity, text, observable, cursor, null);
        }
    }

    record ClassOption(int uid, String caption) {
    }

    static final List<String> RANGES = List.of("1h", "24h", "7d", "30d");
    static final List<Integer> SEVERITIES = List.of(1, 2, 3, 4, 5, 6);

    @GetMapping
    String explorer(@RequestParam(required = false) String range, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, @RequestParam(required = false) String institution,
                    @RequestParam(name = "class", required = false) String classUid,
                    @RequestParam(required = false) String minSeverity, @RequestParam(required = false) String text,
                    @RequestParam(required = false) String observable, @RequestParam(required = false) String cursor,
                    Model model) {
        Actor actor = CurrentActor.get();
        Filter filter = new Filter(range == null || range.isBlank() ? "24h" : range, from, to, institution, classUid,
                minSeverity, text, observable, cursor);
        EventPage page = new EventPage(List.of(), null);
        EventQuery query = null;
        try {
            query = filter.request().toQuery(clock.instant());
            page = search.search(actor, query);
        } catch (InvalidInputException e) {
            // A bad filter is the visitor's typo: say so above the form instead of replacing the page.
            model.addAttribute("filterError", e.getMessage());
        }
        boolean everyTenant = actor.grants().get(Permission.EVENTS_READ) == Permission.Reach.ALL;
        model.addAttribute("filter", filter);
        model.addAttribute("page", page);
        model.addAttribute("query", query);
        model.addAttribute("zone", SearchRequest.LOCAL_ZONE);
        model.addAttribute("everyTenant", everyTenant);
        model.addAttribute("tenants", everyTenant && actor.holds(Permission.INSTITUTIONS_READ)
                ? institutions.list(actor) : List.of());
        model.addAttribute("ranges", RANGES);
        model.addAttribute("severities", SEVERITIES);
        model.addAttribute("classes", Arrays.stream(OcsfClass.values()).filter(c -> c.uid() != 0)
                .map(c -> new ClassOption(c.uid(), c.caption())).toList());
        return "events/explorer";
    }

    @GetMapping("/{institution}/{eventId}")
    String detail(@PathVariable String institution, @PathVariable String eventId,
                  @RequestParam(required = false) String time, Model model) {
        InstitutionId owner;
        UUID id;
        Instant at;
        try {
            owner = InstitutionId.of(institution);
            id = UUID.fromString(eventId);
            at = time == null || time.isBlank() ? null : Instant.parse(time.strip());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new NotFoundException("security_event", eventId);
        }
        EventDetail detail = search.get(CurrentActor.get(), owner, id, at);
        model.addAttribute("event", detail.summary());
        model.addAttribute("ocsf", json.writer().withDefaultPrettyPrinter().writeValueAsString(json.readTree(detail.ocsfJson())));
        model.addAttribute("className", OcsfClass.ofUid(detail.summary().classUid()).map(OcsfClass::caption).orElse(null));
        return "events/detail";
    }
}
