package org.finres.events.web;

import java.util.Comparator;
import java.util.List;

import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.Permission;
import org.finres.events.search.SourceCompleteness;
import org.finres.events.search.SourceStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Completeness of each event source: rate, lag, gaps and silence; silent sources first, since they need action. */
@Controller
@RequestMapping("/events/sources")
class EventSourcesPages {

    private final SourceCompleteness completeness;
    private final Institutions institutions;

    EventSourcesPages(SourceCompleteness completeness, Institutions institutions) {
        this.completeness = completeness;
        this.institutions = institutions;
    }

    @GetMapping
    String sources(@RequestParam(required = false) String institution, Model model) {
        Actor actor = CurrentActor.get();
        InstitutionId filter = institution == null || institution.isBlank() ? null : InstitutionId.of(institution.strip());
        List<SourceStatus> sources = completeness.sources(actor, filter).stream()
                .sorted(Comparator.comparing((SourceStatus s) -> !s.silent())
                        .thenComparing(s -> s.institution().value()).thenComparing(SourceStatus::sourceName))
                .toList();
        boolean everyTenant = actor.grants().get(Permission.EVENTS_READ) == Permission.Reach.ALL;
        model.addAttribute("sources", sources);
        model.addAttribute("silentCount", sources.stream().filter(SourceStatus::silent).count());
        model.addAttribute("institution", filter == null ? null : filter.value());
        model.addAttribute("everyTenant", everyTenant);
        model.addAttribute("tenants", everyTenant && actor.holds(Permission.INSTITUTIONS_READ)
                ? institutions.list(actor) : List.of());
        return "events/sources";
    }
}
