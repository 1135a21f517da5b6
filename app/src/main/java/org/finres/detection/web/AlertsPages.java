package org.finres.detection.web;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.finres.attack.AttackTechniques;
import org.finres.attack.NamedTechnique;
import org.finres.core.Actor;
import org.finres.core.ConflictException;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.detection.AlertDetail;
import org.finres.detection.AlertKind;
import org.finres.detection.AlertQuery;
import org.finres.detection.AlertStatus;
import org.finres.detection.AlertSummary;
import org.finres.detection.Alerts;
import org.finres.detection.CloseReason;
import org.finres.stix.attack.TechniqueId;
import org.finres.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert list with its filters and "older" paging, and one alert in full with its triage. What the visitor may
 * do to an alert is decided here, so the templates only show it.
 */
@Controller
@RequestMapping("/alerts")
class AlertsPages {

    static final int PAGE_SIZE = 50;
    static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
    /** The filters whose complaints the page can name; anything else is said generally. */
    static final List<String> FILTER_FIELDS = List.of("status", "kind", "minLevel", "institutionId", "before");

    private final Alerts alerts;
    private final Institutions institutions;
    private final JsonMapper json;
    private final AttackTechniques techniques;

    AlertsPages(Alerts alerts, Institutions institutions, JsonMapper json, AttackTechniques techniques) {
        this.alerts = alerts;
        this.institutions = institutions;
        this.json = json;
        this.techniques = techniques;
    }

    @Bean
    static NavigationEntry alertsNavigation() {
        return NavigationEntry.requiring(Permission.ALERTS_READ, "nav.alerts", "/alerts", 300);
    }

    /** The form as given, echoed back into the fields and into the paging links. */
    record Filter(String status, String kind, String minLevel, String institution, String text) {
    }

    /**
     * The outcome of a triage action, carried over the redirect. {@code key} picks the message in the visitor's
     * language, {@code tone} its colour (ok, warn, error), {@code arg} its one argument.
     */
    record TriageNotice(String key, String tone, String arg) implements Serializable {
    }

    /** An evidence event, with the link to its page only when the visitor may open that page. */
    record EvidenceRow(AlertDetail.EvidenceRef event, boolean linked) {
    }

    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String minLevel, @RequestParam(required = false) String institution,
                @RequestParam(required = false) String text, @RequestParam(required = false) String before,
                Model model) {
        Actor actor = CurrentActor.get();
        Filter filter = new Filter(blankToNull(status), blankToNull(kind), blankToNull(minLevel),
                blankToNull(institution), blankToNull(text));
        Long beforeId = null;
        List<AlertSummary> found = List.of();
        try {
            beforeId = before == null || before.isBlank() ? null : AlertsApi.parseLong(before, "before");
            found = alerts.list(actor, new AlertQuery(
                    filter.institution() == null ? null : InstitutionId.of(filter.institution()),
                    filter.status() == null ? null : AlertStatus.fromCode(filter.status()),
                    filter.kind() == null ? null : AlertKind.fromCode(filter.kind()),
                    filter.minLevel(), filter.text(), beforeId, PAGE_SIZE + 1));
        } catch (InvalidInputException e) {
            // A bad filter (hand-edited address, typo) is the visitor's: say which field above the form.
            model.addAttribute("filterError", FILTER_FIELDS.contains(e.field()) ? e.field() : "other");
        }
        List<AlertSummary> shown = found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found;
        boolean everyTenant = actor.grants().get(Permission.ALERTS_READ) == Permission.Reach.ALL;
        model.addAttribute("alerts", shown);
        Set<TechniqueId> ids = new LinkedHashSet<>();
        shown.forEach(a -> ids.addAll(a.techniques()));
        Map<TechniqueId, NamedTechnique> names = techniques.name(ids);
        model.addAttribute("techniques", shown.stream().collect(Collectors.toMap(
                AlertSummary::id, a -> TechniqueLabel.of(a.techniques(), names))));
        model.addAttribute("olderBefore", found.size() > PAGE_SIZE ? shown.getLast().id() : null);
        model.addAttribute("before", beforeId);
        model.addAttribute("filter", filter);
        model.addAttribute("everyTenant", everyTenant);
        model.addAttribute("tenants", everyTenant && actor.holds(Permission.INSTITUTIONS_READ)
                ? institutions.list(actor) : List.of());
        model.addAttribute("statuses", List.of(AlertStatus.values()));
        model.addAttribute("kinds", List.of(AlertKind.values()));
        model.addAttribute("levels", LEVELS);
        return "detection/alerts";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable String id, Model model) {
        Actor actor = CurrentActor.get();
        AlertDetail detail = alerts.get(actor, alertId(id));
        AlertSummary alert = detail.summary();
        boolean triage = mayTriage(actor, alert);
        model.addAttribute("alert", alert);
        model.addAttribute("detail", detail);
        model.addAttribute("techniques", TechniqueLabel.of(alert.techniques(), techniques.name(alert.techniques())));
        model.addAttribute("evidence", detail.evidence().stream()
                .map(e -> new EvidenceRow(e, actor.may(Permission.EVENTS_READ, e.institution()))).toList());
        model.addAttribute("finding", detail.findingJson() == null ? null
                : json.writer().withDefaultPrettyPrinter().writeValueAsString(json.readTree(detail.findingJson())));
        model.addAttribute("everyTenant", actor.grants().get(Permission.ALERTS_READ) == Permission.Reach.ALL);
        model.addAttribute("mayAcknowledge", triage && alert.status() == AlertStatus.NEW);
        model.addAttribute("mayClose", triage && alert.status() != AlertStatus.CLOSED);
        model.addAttribute("reasons", List.of(CloseReason.values()));
        return "detection/alert";
    }

    @PostMapping("/{id}/acknowledge")
    String acknowledge(@PathVariable String id, RedirectAttributes redirect) {
        long alertId = alertId(id);
        TriageNotice notice;
        try {
            alerts.acknowledge(CurrentActor.get(), alertId);
            notice = new TriageNotice("alerts.notice.acknowledged", "ok", Long.toString(alertId));
        } catch (ConflictException e) {
            notice = conflict(alertId);
        }
        redirect.addFlashAttribute("triageNotice", notice);
        return "redirect:/alerts/" + alertId;
    }

    @PostMapping("/{id}/close")
    String close(@PathVariable String id, @RequestParam(required = false) String reason,
                 @RequestParam(required = false) String note, RedirectAttributes redirect) {
        long alertId = alertId(id);
        TriageNotice notice;
        if (reason == null || reason.isBlank()) {
            notice = new TriageNotice("alerts.notice.reasonRequired", "error", Long.toString(alertId));
        } else if (note != null && note.length() > 2_000) {
            notice = new TriageNotice("alerts.notice.noteTooLong", "error", "2000");
        } else {
            try {
                CloseReason why = CloseReason.fromCode(reason.strip());
                alerts.close(CurrentActor.get(), alertId, why, note == null || note.isBlank() ? null : note.strip());
                notice = new TriageNotice("alerts.notice.closed", "ok", Long.toString(alertId));
            } catch (ConflictException e) {
                notice = conflict(alertId);
            } catch (InvalidInputException e) {
                notice = "note".equals(e.field()) ? new TriageNotice("alerts.notice.noteTooLong", "error", "2000")
                        : new TriageNotice("alerts.notice.badReason", "error", Long.toString(alertId));
            }
        }
        redirect.addFlashAttribute("triageNotice", notice);
        return "redirect:/alerts/" + alertId;
    }

    /** Someone else triaged it first: say what state it is in now, in the visitor's language. */
    private TriageNotice conflict(long id) {
        AlertStatus now = alerts.get(CurrentActor.get(), id).summary().status();
        return new TriageNotice("alerts.notice.conflict." + now.code(), "warn", Long.toString(id));
    }

    /** The same rule the service applies: sector alerts are triaged by the hub, others within the actor's reach. */
    static boolean mayTriage(Actor actor, AlertSummary alert) {
        return alert.kind() == AlertKind.SECTOR
                ? actor.grants().get(Permission.ALERTS_TRIAGE) == Permission.Reach.ALL
                : actor.may(Permission.ALERTS_TRIAGE, alert.institution());
    }

    private static long alertId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("detection_alert", id);
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
