package org.finres.warning;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.attack.AttackTechniques;
import org.finres.attack.NamedTechnique;
import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.intel.PostStatus;
import org.finres.intel.ThreatIntel;
import org.finres.stix.Tlp;
import org.finres.stix.attack.TechniqueId;
import org.finres.warning.internal.ExposureMatcher;
import org.finres.warning.internal.WarningBundle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Early warnings: the hub issues them (INTEL_WRITE over the sector), members read those they received and
 * acknowledge them (INTEL_WRITE over their own). A warning is stored, published to the hub-warnings TAXII collection
 * (named recipients only, when exposed members or its TLP say so) and queued for every recipient's channels in one
 * transaction: either all of it happens or none.
 */
@Service
public class EarlyWarnings {

    static final String COLLECTION = "hub-warnings";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Actor.SystemProcess SWEEP = new Actor.SystemProcess("warning-sweep");

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final ThreatIntel intel;
    private final AttackTechniques techniques;
    private final ExposureProfiles exposure;
    private final ApplicationEventPublisher events;
    private final WarningProperties properties;
    private final Clock clock;

    EarlyWarnings(JdbcClient jdbc, TenantAccess access, AuditTrail audit, TransactionTemplate transactions,
                  ThreatIntel intel, AttackTechniques techniques, ExposureProfiles exposure,
                  ApplicationEventPublisher events, WarningProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
        this.intel = intel;
        this.techniques = techniques;
        this.exposure = exposure;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Who a draft would go to, and why, without issuing it. */
    public List<WarningRecipient> preview(Actor actor, WarningDraft draft) {
        access.requireAll(actor, Permission.INTEL_WRITE, "warning.preview", "warning", null);
        validate(draft);
        return recipients(actor, draft);
    }

    public WarningDetail issue(Actor actor, WarningDraft draft) {
        access.requireAll(actor, Permission.INTEL_WRITE, "warning.issue", "warning", null);
        validate(draft);
        List<WarningRecipient> recipients = recipients(actor, draft);
        if (recipients.isEmpty()) {
            throw new InvalidInputException("audience", draft.audience() == Audience.EXPOSED
                    ? "no member's declared exposure matches these criteria; nothing was issued"
                    : "there is no member institution to warn");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Duration escalateAfter = draft.acknowledgeWithin() != null ? draft.acknowledgeWithin()
                : properties.escalateAfter();
        Duration remindAfter = properties.remindAfter().compareTo(escalateAfter) < 0 ? properties.remindAfter()
                : escalateAfter.dividedBy(2);
        List<InstitutionId> named = recipients.stream().map(WarningRecipient::institution).toList();
        boolean recipientsOnly = draft.audience() == Audience.EXPOSED || draft.tlp() == Tlp.RED
                || draft.tlp() == Tlp.AMBER_STRICT;
        Map<TechniqueId, NamedTechnique> names = techniques.name(draft.techniques());
        WarningBundle.Published published = WarningBundle.of(id, draft, now, names,
                recipientsOnly ? named : List.of());
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    insert into warning (id, title, description, advice, severity, tlp, audience, criteria, indicators,
                                         techniques, report_id, issued_at, issued_by, remind_at, escalate_at)
                    values (:id, :title, :d, :a, :sev, :tlp, :aud, cast(:c as jsonb), cast(:ind as jsonb), :tech,
                            :report, :at, :by, :remind, :escalate)
                    """).param("id", id).param("title", draft.title().strip())
                    .param("d", blankToNull(draft.description())).param("a", blankToNull(draft.advice()))
                    .param("sev", draft.severity().code()).param("tlp", draft.tlp().level())
                    .param("aud", draft.audience().code()).param("c", JSON.writeValueAsString(draft.criteria()))
                    .param("ind", JSON.writeValueAsString(draft.indicators()))
                    .param("tech", draft.techniques().stream().map(TechniqueId::value).toArray(String[]::new))
                    .param("report", published.reportId()).param("at", Timestamp.from(now))
                    .param("by", actor.auditName()).param("remind", Timestamp.from(now.plus(remindAfter)))
                    .param("escalate", Timestamp.from(now.plus(escalateAfter))).update();
            for (WarningRecipient r : recipients) {
                jdbc.sql("insert into warning_recipient (warning_id, institution_id, matched_by) values (:w, :i, :m)")
                        .param("w", id).param("i", r.institution().value())
                        .param("m", r.matchedBy().toArray(String[]::new)).update();
                queue(id, r.institution(), Delivery.Notice.ISSUED, null, now);
            }
            PostStatus posted = intel.post(actor, COLLECTION, published.envelope());
            if (!posted.failures().isEmpty()) {
                // Our own objects failing the hub's own validation is a defect: refuse rather than half-publish.
                throw new IllegalStateException("the warning's STIX objects were refused: " + posted.failures());
            }
            audit.record(actor, AuditEntry.success("warning.issued", "warning", id.toString(), null)
                    .with("title", draft.title().strip()).with("severity", draft.severity().code())
                    .with("tlp", draft.tlp().level()).with("audience", draft.audience().code())
                    .with("recipients", String.join(" ", named.stream().map(InstitutionId::value).toList())));
        });
        events.publishEvent(new WarningIssued(id, draft.severity(), named, now));
        return get(actor, id);
    }

    public List<WarningSummary> list(Actor actor, int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "must be 1 to 500, not " + limit);
        }
        InstitutionId scope = access.scope(actor, Permission.INTEL_READ, null, "warning.list", "warning");
        String sql = scope == null
                ? "select w.*, null as own_institution from warning w order by issued_at desc limit :limit"
                : """
                  select w.*, r.institution_id as own_institution, r.matched_by as own_matched_by,
                         r.acknowledged_at as own_ack_at, r.acknowledged_by as own_ack_by,
                         r.reminded_at as own_reminded_at, r.escalated_at as own_escalated_at
                  from warning w join warning_recipient r on r.warning_id = w.id and r.institution_id = :i
                  order by w.issued_at desc limit :limit
                  """;
        var q = jdbc.sql(sql).param("limit", limit);
        if (scope != null) {
            q = q.param("i", scope.value());
        }
        return q.query((rs, n) -> summary(rs, scope != null)).list();
    }

    public WarningDetail get(Actor actor, UUID id) {
        InstitutionId scope = access.scope(actor, Permission.INTEL_READ, null, "warning.read", "warning");
        List<WarningDetail> found = jdbc.sql(scope == null
                        ? "select w.*, null as own_institution from warning w where w.id = :id"
                        : """
                          select w.*, r.institution_id as own_institution, r.matched_by as own_matched_by,
                                 r.acknowledged_at as own_ack_at, r.acknowledged_by as own_ack_by,
                                 r.reminded_at as own_reminded_at, r.escalated_at as own_escalated_at
                          from warning w join warning_recipient r on r.warning_id = w.id and r.institution_id = :i
                          where w.id = :id
                          """).param("id", id).params(scope == null ? Map.of() : Map.of("i", scope.value()))
                .query((rs, n) -> detail(rs, scope)).list();
        if (found.isEmpty()) {
            // Not a recipient: answered exactly like a warning that does not exist.
            if (scope != null) {
                audit.recordDenied(actor, "warning.read", "warning", id.toString(), null, "not a recipient");
            }
            throw new NotFoundException("warning", id.toString());
        }
        WarningDetail d = found.getFirst();
        if (scope == null && (d.summary().tlp() == Tlp.RED || d.summary().tlp() == Tlp.AMBER_STRICT)) {
            audit.recordRead(actor, "warning", id.toString(), null);
        }
        return d;
    }

    /** Acknowledges for the actor's own institution; a second acknowledgement keeps the first one's time. */
    public WarningDetail acknowledge(Actor actor, UUID id) {
        InstitutionId own = actor.institutionId();
        access.check(actor, Permission.INTEL_WRITE, own, "warning.acknowledge", "warning", id.toString());
        if (actor.grants().get(Permission.INTEL_WRITE) == Permission.Reach.ALL) {
            throw new AccessRefusedException("the hub does not acknowledge warnings; its members do");
        }
        Instant now = clock.instant();
        List<Instant> issued = jdbc.sql("""
                select w.issued_at from warning w join warning_recipient r on r.warning_id = w.id
                where w.id = :id and r.institution_id = :i
                """).param("id", id).param("i", own.value())
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        if (issued.isEmpty()) {
            audit.recordDenied(actor, "warning.acknowledge", "warning", id.toString(), own, "not a recipient");
            throw new NotFoundException("warning", id.toString());
        }
        int changed = jdbc.sql("""
                update warning_recipient set acknowledged_at = :at, acknowledged_by = :by
                where warning_id = :id and institution_id = :i and acknowledged_at is null
                """).param("at", Timestamp.from(now)).param("by", actor.auditName()).param("id", id)
                .param("i", own.value()).update();
        if (changed == 1) {
            Instant escalateAt = jdbc.sql("select escalate_at from warning where id = :id").param("id", id)
                    .query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
            audit.record(actor, AuditEntry.success("warning.acknowledged", "warning", id.toString(), own));
            events.publishEvent(new WarningAcknowledged(id, own, now, Duration.between(issued.getFirst(), now),
                    !now.isAfter(escalateAt)));
        }
        return get(actor, id);
    }

    /** What one sweep did. */
    public record Sweep(int reminded, int escalated) {
    }

    /**
     * Reminds the recipients that have not acknowledged by a warning's reminder time, and escalates those that have
     * not by its deadline: their own channels get the escalation, and so do the hub's. Each recipient is reminded
     * and escalated once.
     */
    public Sweep remindAndEscalate(Instant now) {
        return transactions.execute(status -> {
            List<Map.Entry<UUID, InstitutionId>> remind = jdbc.sql("""
                    update warning_recipient r set reminded_at = :now from warning w
                    where w.id = r.warning_id and r.acknowledged_at is null and r.reminded_at is null
                      and w.remind_at <= :now and w.escalate_at > :now
                    returning r.warning_id, r.institution_id
                    """).param("now", Timestamp.from(now)).query((rs, n) -> Map.entry(
                    rs.getObject(1, UUID.class), InstitutionId.of(rs.getString(2)))).list();
            for (Map.Entry<UUID, InstitutionId> r : remind) {
                queue(r.getKey(), r.getValue(), Delivery.Notice.REMINDER, null, now);
                audit.record(SWEEP, AuditEntry.success("warning.reminded", "warning", r.getKey().toString(),
                        r.getValue()));
            }
            List<Map.Entry<UUID, InstitutionId>> escalate = jdbc.sql("""
                    update warning_recipient r set escalated_at = :now from warning w
                    where w.id = r.warning_id and r.acknowledged_at is null and r.escalated_at is null
                      and w.escalate_at <= :now
                    returning r.warning_id, r.institution_id
                    """).param("now", Timestamp.from(now)).query((rs, n) -> Map.entry(
                    rs.getObject(1, UUID.class), InstitutionId.of(rs.getString(2)))).list();
            for (Map.Entry<UUID, InstitutionId> e : escalate) {
                queue(e.getKey(), e.getValue(), Delivery.Notice.ESCALATION, null, now);
                queue(e.getKey(), InstitutionId.HUB, Delivery.Notice.ESCALATION, e.getValue(), now);
                audit.record(SWEEP, AuditEntry.success("warning.escalated", "warning", e.getKey().toString(),
                        e.getValue()));
                events.publishEvent(new WarningEscalated(e.getKey(), e.getValue(), now));
            }
            return new Sweep(remind.size(), escalate.size());
        });
    }

    /** Queues a notice for every channel of {@code to}, due at once (by the hub's clock, whatever time a sweep judged). */
    private void queue(UUID warning, InstitutionId to, Delivery.Notice notice, InstitutionId subject, Instant judged) {
        Instant now = clock.instant();
        jdbc.sql("""
                insert into warning_delivery (warning_id, institution_id, channel_kind, target, notice, subject_id,
                                              next_attempt_at, created_at)
                select :w, c.institution_id, c.kind, c.target, :notice, :subject, :now, :now
                from notification_channel c where c.institution_id = :i
                """).param("w", warning).param("i", to.value()).param("notice", notice.name().toLowerCase())
                .param("subject", subject == null ? null : subject.value()).param("now", Timestamp.from(now)).update();
    }

    private List<WarningRecipient> recipients(Actor actor, WarningDraft draft) {
        List<InstitutionId> members = jdbc.sql("""
                select id from institution where kind not in ('HUB', 'REGULATOR') order by id
                """).query((rs, n) -> InstitutionId.of(rs.getString(1))).list();
        if (draft.audience() == Audience.ALL) {
            return members.stream().map(m -> new WarningRecipient(m, List.of(), null, null, null, null)).toList();
        }
        Map<InstitutionId, List<ExposureItem>> declared = new LinkedHashMap<>();
        for (ExposureItem item : exposure.items(actor, null)) {
            declared.computeIfAbsent(item.institution(), k -> new ArrayList<>()).add(item);
        }
        List<WarningRecipient> out = new ArrayList<>();
        for (InstitutionId m : members) {
            List<String> reasons = ExposureMatcher.reasons(draft.criteria(), declared.getOrDefault(m, List.of()));
            if (!reasons.isEmpty()) {
                out.add(new WarningRecipient(m, reasons, null, null, null, null));
            }
        }
        return out;
    }

    private static void validate(WarningDraft d) {
        if (d.title() == null || d.title().isBlank()) {
            throw new InvalidInputException("title", "is required");
        }
        if (d.title().strip().length() > 200) {
            throw new InvalidInputException("title", "is longer than 200 characters");
        }
        if (d.description() != null && d.description().length() > 20_000) {
            throw new InvalidInputException("description", "is longer than 20000 characters");
        }
        if (d.advice() != null && d.advice().length() > 20_000) {
            throw new InvalidInputException("advice", "is longer than 20000 characters");
        }
        if (d.severity() == null) {
            throw new InvalidInputException("severity", "is required: low, medium, high or critical");
        }
        if (d.tlp() == null) {
            throw new InvalidInputException("tlp", "is required: clear, green, amber, amber+strict or red");
        }
        if (d.audience() == null) {
            throw new InvalidInputException("audience", "is required: all or exposed");
        }
        if (d.audience() == Audience.EXPOSED && d.criteria().isEmpty()) {
            throw new InvalidInputException("criteria", "a warning to exposed members needs at least one product, "
                    + "supplier, address range or domain to match");
        }
        for (String r : d.criteria().ranges()) {
            if (!org.finres.warning.internal.AddressRange.isRange(r)) {
                throw new InvalidInputException("criteria.ranges", "'" + InvalidInputException.preview(r)
                        + "' is not an IPv4 or IPv6 address or CIDR range");
            }
        }
        if (d.indicators().size() > 1000) {
            throw new InvalidInputException("indicators", "a warning carries at most 1000 indicators");
        }
        if (d.acknowledgeWithin() != null && (d.acknowledgeWithin().compareTo(Duration.ofMinutes(5)) < 0
                || d.acknowledgeWithin().compareTo(Duration.ofDays(30)) > 0)) {
            throw new InvalidInputException("acknowledgeWithin", "must be between 5 minutes and 30 days, not "
                    + d.acknowledgeWithin());
        }
    }

    private WarningSummary summary(ResultSet rs, boolean member) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        WarningRecipient own = member ? ownRow(rs) : null;
        int recipients;
        int acknowledged;
        int escalated;
        if (member) {
            recipients = 1;
            acknowledged = own.acknowledged() ? 1 : 0;
            escalated = own.escalatedAt() != null ? 1 : 0;
        } else {
            var counts = jdbc.sql("""
                    select count(*), count(acknowledged_at), count(escalated_at) from warning_recipient
                    where warning_id = :w
                    """).param("w", id).query((r, n) -> new int[]{r.getInt(1), r.getInt(2), r.getInt(3)}).single();
            recipients = counts[0];
            acknowledged = counts[1];
            escalated = counts[2];
        }
        return new WarningSummary(id, rs.getString("title"), WarningSeverity.fromCode(rs.getString("severity")),
                Tlp.ofLevel(rs.getString("tlp")).orElseThrow(), Audience.fromCode(rs.getString("audience")),
                rs.getTimestamp("issued_at").toInstant(), rs.getString("issued_by"),
                rs.getTimestamp("escalate_at").toInstant(), recipients, acknowledged, escalated, own);
    }

    private WarningDetail detail(ResultSet rs, InstitutionId scope) throws SQLException {
        WarningSummary summary = summary(rs, scope != null);
        List<WarningIndicator> indicators = JSON.readValue(rs.getString("indicators"),
                new TypeReference<List<WarningIndicator>>() { });
        List<TechniqueId> techniqueIds = new ArrayList<>();
        for (Object t : (Object[]) rs.getArray("techniques").getArray()) {
            techniqueIds.add(TechniqueId.of((String) t));
        }
        ExposureCriteria criteria = scope == null ? JSON.readValue(rs.getString("criteria"), ExposureCriteria.class)
                : ExposureCriteria.NONE;
        List<WarningRecipient> recipients = scope != null ? List.of(summary.own())
                : jdbc.sql("select * from warning_recipient where warning_id = :w order by institution_id")
                .param("w", summary.id()).query((r, n) -> new WarningRecipient(
                        InstitutionId.of(r.getString("institution_id")), strings(r.getArray("matched_by")),
                        instant(r.getTimestamp("acknowledged_at")), r.getString("acknowledged_by"),
                        instant(r.getTimestamp("reminded_at")), instant(r.getTimestamp("escalated_at")))).list();
        return new WarningDetail(summary, rs.getString("description"), rs.getString("advice"), indicators,
                techniqueIds, techniques.name(techniqueIds), criteria, recipients, rs.getString("report_id"));
    }

    private static WarningRecipient ownRow(ResultSet rs) throws SQLException {
        return new WarningRecipient(InstitutionId.of(rs.getString("own_institution")),
                strings(rs.getArray("own_matched_by")), instant(rs.getTimestamp("own_ack_at")),
                rs.getString("own_ack_by"), instant(rs.getTimestamp("own_reminded_at")),
                instant(rs.getTimestamp("own_escalated_at")));
    }

    private static List<String> strings(Array a) throws SQLException {
        List<String> out = new ArrayList<>();
        if (a != null) {
            for (Object o : (Object[]) a.getArray()) {
                out.add((String) o);
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
