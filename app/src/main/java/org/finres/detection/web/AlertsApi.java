package org.finres.detection.web;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.core.CurrentActor;
import org.finres.stix.attack.TechniqueId;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.attack.AttackTechniques;
import org.finres.attack.NamedTechnique;
import org.finres.detection.AlertDetail;
import org.finres.detection.AlertKind;
import org.finres.detection.AlertQuery;
import org.finres.detection.AlertStatus;
import org.finres.detection.AlertSummary;
import org.finres.detection.Alerts;
import org.finres.detection.CloseReason;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Alerts within the caller's tenancy, and their triage. */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts", description = "Detection alerts (OCSF Detection Findings) and sector alerts, with triage")
class AlertsApi {

    private final Alerts alerts;
    private final JsonMapper json;
    private final AttackTechniques techniques;

    AlertsApi(Alerts alerts, JsonMapper json, AttackTechniques techniques) {
        this.alerts = alerts;
        this.json = json;
        this.techniques = techniques;
    }

    record AlertView(long id, UUID uid, String institution, String kind, String ruleKey, String title, String level,
                     int severityId, String status, String closeReason, Instant firstSeen, Instant lastSeen, long hits,
                     Map<String, String> group, int memberInstitutions, Instant createdAt,
                     List<TechniqueLabel> techniques) {
        static AlertView of(AlertSummary a, Map<TechniqueId, NamedTechnique> names) {
            return new AlertView(a.id(), a.uid(), a.institution().value(), a.kind().code(), a.ruleKey(), a.title(),
                    a.level(), a.severityId(), a.status().code(), a.closeReason(), a.firstSeen(), a.lastSeen(),
                    a.hits(), a.group(), a.memberInstitutions(), a.createdAt(), TechniqueLabel.of(a.techniques(), names));
        }
    }

    /** The names of every technique the alerts name, in one lookup. */
    private Map<TechniqueId, NamedTechnique> names(List<AlertSummary> page) {
        Set<TechniqueId> ids = new LinkedHashSet<>();
        page.forEach(a -> ids.addAll(a.techniques()));
        return techniques.name(ids);
    }

    record AlertPage(List<AlertView> alerts, String next) {
    }

    record Evidence(String institution, UUID eventId, Instant eventTime) {
    }

    record Member(String institution, Instant firstSeen, Instant lastSeen, long hits, List<Long> memberAlerts) {
    }

    record AlertDocument(AlertView alert, JsonNode finding, List<Evidence> evidence, List<Member> members,
                         String acknowledgedBy, Instant acknowledgedAt, String closedBy, Instant closedAt,
                         String closeNote) {
    }

    record CloseRequest(String reason, String note) {
    }

    @GetMapping
    @Operation(summary = "Alerts, newest first; page on with the answer's `next` as `before`. status: new, "
            + "acknowledged, closed; kind: detection, correlation, indicator, sector, source-silent, vault-missed; minLevel: "
            + "informational ... critical; limit at most 500 (default 100).")
    AlertPage list(@RequestParam(required = false) String status, @RequestParam(required = false) String kind,
                   @RequestParam(required = false) String institution,
                   @RequestParam(required = false) String minLevel, @RequestParam(required = false) String text,
                   @RequestParam(required = false) String before, @RequestParam(required = false) String limit) {
        int size = parseInt(limit, "limit", 100);
        AlertQuery query = new AlertQuery(
                institution == null || institution.isBlank() ? null : InstitutionId.of(institution.strip()),
                status == null || status.isBlank() ? null : AlertStatus.fromCode(status.strip()),
                kind == null || kind.isBlank() ? null : AlertKind.fromCode(kind.strip()),
                minLevel == null || minLevel.isBlank() ? null : minLevel.strip(), text,
                before == null || before.isBlank() ? null : parseLong(before, "before"), size);
        List<AlertSummary> page = alerts.list(CurrentActor.get(), query);
        String next = page.size() == size ? Long.toString(page.getLast().id()) : null;
        Map<TechniqueId, NamedTechnique> names = names(page);
        return new AlertPage(page.stream().map(a -> AlertView.of(a, names)).toList(), next);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One alert with its OCSF Detection Finding, evidence events and, for a sector alert, its "
            + "member institutions (a member sees only its own part).")
    AlertDocument get(@PathVariable String id) {
        return document(alerts.get(CurrentActor.get(), alertId(id)));
    }

    @PostMapping("/{id}/acknowledge")
    @Operation(summary = "Acknowledge a new alert.")
    AlertDocument acknowledge(@PathVariable String id) {
        return document(alerts.acknowledge(CurrentActor.get(), alertId(id)));
    }

    @PostMapping("/{id}/close")
    @Operation(summary = "Close an alert with a reason: resolved, false-positive, benign, duplicate, "
            + "escalated-to-incident; an optional note goes to the audit trail.")
    AlertDocument close(@PathVariable String id, @RequestBody CloseRequest request) {
        if (request == null || request.reason() == null) {
            throw new InvalidInputException("reason", "is required");
        }
        return document(alerts.close(CurrentActor.get(), alertId(id), CloseReason.fromCode(request.reason()),
                request.note()));
    }

    private AlertDocument document(AlertDetail d) {
        return new AlertDocument(AlertView.of(d.summary(), names(List.of(d.summary()))), d.findingJson() == null ? null : json.readTree(d.findingJson()),
                d.evidence().stream().map(e -> new Evidence(e.institution().value(), e.eventId(), e.eventTime())).toList(),
                d.members().stream().map(m -> new Member(m.institution().value(), m.firstSeen(), m.lastSeen(), m.hits(),
                        m.memberAlerts())).toList(),
                d.acknowledgedBy(), d.acknowledgedAt(), d.closedBy(), d.closedAt(), d.closeNote());
    }

    /** A malformed id names no alert anyone has: the same answer as another tenant's. */
    private static long alertId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new org.finres.core.NotFoundException("detection_alert", id);
        }
    }

    static long parseLong(String value, String field) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }

    static int parseInt(String value, String field, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }
}
