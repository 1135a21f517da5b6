package org.finres.events.web;

import java.util.List;

import org.finres.core.Actor;
import org.finres.core.ConflictException;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.Permission;
import org.finres.events.search.DeadLetterView;
import org.finres.events.search.DeadLetters;
import org.finres.events.search.ReplayOutcome;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Undecodable input with its reason and safely shown bytes, and a replay for administrators. */
@Controller
@RequestMapping("/events/dead-letters")
class DeadLettersPages {

    static final int PAGE_SIZE = 50;

    private final DeadLetters deadLetters;
    private final Institutions institutions;

    DeadLettersPages(DeadLetters deadLetters, Institutions institutions) {
        this.deadLetters = deadLetters;
        this.institutions = institutions;
    }

    /** A letter with whether the visitor may replay it, decided here so the template only shows. */
    record Row(DeadLetterView letter, boolean replayable) {
    }

    /** The outcome of the last replay, carried over the redirect; {@code kind} picks the message. */
    record ReplayNotice(String kind, long id, String detail) {
    }

    @GetMapping
    String list(@RequestParam(required = false) String institution,
                @RequestParam(defaultValue = "false") boolean pending, @RequestParam(required = false) Long before,
                Model model) {
        Actor actor = CurrentActor.get();
        InstitutionId filter = institution == null || institution.isBlank() ? null : InstitutionId.of(institution.strip());
        List<DeadLetterView> found = deadLetters.recent(actor, filter, pending, before, PAGE_SIZE + 1);
        List<DeadLetterView> letters = found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found;
        boolean everyTenant = actor.grants().get(Permission.EVENTS_READ) == Permission.Reach.ALL;
        model.addAttribute("rows", letters.stream()
                .map(l -> new Row(l, l.pending() && deadLetters.mayReplay(actor, l.institution()))).toList());
        model.addAttribute("olderBefore", found.size() > PAGE_SIZE ? letters.getLast().id() : null);
        model.addAttribute("institution", filter == null ? null : filter.value());
        model.addAttribute("pending", pending);
        model.addAttribute("before", before);
        model.addAttribute("everyTenant", everyTenant);
        model.addAttribute("tenants", everyTenant && actor.holds(Permission.INSTITUTIONS_READ)
                ? institutions.list(actor) : List.of());
        return "events/dead-letters";
    }

    @PostMapping("/{id}/replay")
    String replay(@PathVariable long id, RedirectAttributes redirect) {
        ReplayNotice notice;
        try {
            notice = switch (deadLetters.replay(CurrentActor.get(), id)) {
                case ReplayOutcome.Replayed r -> new ReplayNotice("replayed", id, Integer.toString(r.stored() + r.duplicates()));
                case ReplayOutcome.StillUndecodable s -> new ReplayNotice("failed", id, s.reason());
            };
        } catch (ConflictException e) {
            notice = new ReplayNotice("already", id, null);
        }
        redirect.addFlashAttribute("replayNotice", notice);
        return "redirect:/events/dead-letters";
    }
}
