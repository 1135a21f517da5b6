package org.finres.intel;

import org.finres.attack.AttackTechniques;
import org.finres.attack.NamedTechnique;
import org.finres.stix.attack.TechniqueId;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.intel.internal.analysis.AnalysisEngine;
import org.finres.intel.internal.analysis.WarningList;
import org.finres.intel.internal.analysis.WarningListParser;
import org.finres.intel.internal.analysis.WarningLists;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hub's automated analysis of shared indicators as members and the hub read it: confidence, reporters,
 * sightings, whether detection matches it (or why not, or which warning list holds it) and retro-hunt progress.
 * A member sees the assessment of the indicators it may see in the collections, the hub sees all of them; the
 * submitter's STIX object is never changed. Warning lists are read by anyone with intel access and changed by the
 * hub only, every change audited.
 */
@Service
public class IntelAnalysis {

    private static final Set<String> STATUSES = Set.of("matched", "unmatchable", "warning-listed", "retired");

    /** Retro-hunt progress: {@code done} of {@code total} institution partitions searched. */
    public record RetroHunt(String status, int done, int total, int hits, String note) {
    }

    /** One indicator's assessment. {@code submitter} is null where the viewer may not know it (anonymous shares). */
    public record AnalysedIndicator(String stixId, String collection, String tlp, String submitter, boolean mine,
                                    String pattern, String status, String reason, String warningList, String valueType,
                                    String value, int confidence, int reporters, long sightings, Instant lastSighted,
                                    Instant validUntil, Instant storedAt, RetroHunt retroHunt,
                                    List<TechniqueRef> techniques) {
    }

    /**
     * An ATT&CK technique the indicator cites in its external references (as MITRE's own objects cite them), named
     * from the hub's ATT&CK catalogue when it knows the id.
     */
    public record TechniqueRef(String id, String name, String url) {
    }

    /** A warning list with its entries; {@code shipped} lists come with the hub, the others are managed here. */
    public record WarningListView(String name, String title, boolean shipped, List<WarningEntryView> entries) {
    }

    /** {@code id} is null for a shipped entry. */
    public record WarningEntryView(Long id, String value, String note, Instant createdAt, String createdBy) {
    }

    private final JdbcClient jdbc;
    private final WarningLists lists;
    private final AnalysisEngine engine;
    private final AuditTrail audit;
    private final Clock clock;
    private final AttackTechniques attack;

    IntelAnalysis(JdbcClient jdbc, WarningLists lists, AnalysisEngine engine, AuditTrail audit, Clock clock,
                  AttackTechniques attack) {
        this.attack = attack;
        this.jdbc = jdbc;
        this.lists = lists;
        this.engine = engine;
        this.audit = audit;
        this.clock = clock;
    }

    /** Newest first; {@code status} one of matched, unmatchable, warning-listed, retired; {@code search} in the value or pattern. */
    public List<AnalysedIndicator> indicators(Actor actor, String status, String search, int limit) {
        requireRead(actor);
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "must be between 1 and 500");
        }
        String s = status == null || status.isBlank() ? null : status.strip().toLowerCase(Locale.ROOT);
        if (s != null && !STATUSES.contains(s)) {
            throw new InvalidInputException("status", "must be one of matched, unmatchable, warning-listed, retired (was '"
                    + InvalidInputException.preview(status) + "')");
        }
        String q = search == null || search.isBlank() ? null : search.strip();
        if (q != null && q.length() > 512) {
            throw new InvalidInputException("q", "may be at most 512 characters");
        }
        return query(actor, "(cast(:status as text) is null or a.status = :status) and (cast(:q as text) is null "
                + "or strpos(lower(coalesce(a.value, '') || ' ' || coalesce(a.pattern, '') || ' ' || a.stix_id), lower(:q)) > 0)", limit,
                s, q, null);
    }

    /** One indicator's assessment; not found when the caller may not see the indicator. */
    public AnalysedIndicator indicator(Actor actor, String stixId) {
        requireRead(actor);
        List<AnalysedIndicator> found = query(actor, "a.stix_id = :id", 1, null, null, stixId);
        if (found.isEmpty()) {
            throw new NotFoundException("indicator", stixId);
        }
        return found.getFirst();
    }

    /**
     * The warning list each of these indicators is on, for the submission page: what the submitter sees of the
     * flag on its own upload. Indicators not on a list, not yet examined or not visible are absent.
     */
    public java.util.Map<String, String> warningFlags(Actor actor, List<String> stixIds) {
        requireRead(actor);
        java.util.Map<String, String> flags = new java.util.LinkedHashMap<>();
        List<String> ids = stixIds.stream().filter(i -> i.startsWith("indicator--")).distinct().limit(500).toList();
        if (ids.isEmpty()) {
            return flags;
        }
        for (AnalysedIndicator a : query(actor, "a.stix_id = any(:ids)", 500, null, null, null, ids.toArray(String[]::new))) {
            if (a.warningList() != null) {
                flags.put(a.stixId(), a.warningList());
            }
        }
        return flags;
    }

    private List<AnalysedIndicator> query(Actor actor, String where, int limit, String status, String q, String id) {
        return query(actor, where, limit, status, q, id, null);
    }

    private List<AnalysedIndicator> query(Actor actor, String where, int limit, String status, String q, String id,
                                          String[] ids) {
        InstitutionId viewer = viewer(actor);
        String visibility = viewer == null ? "" : " and ((a.scope = 'community' and a.tlp in ('CLEAR', 'GREEN', 'AMBER'))"
                + " or a.submitter = :viewer or :viewer = any(a.recipients))";
        var statement = jdbc.sql("""
                select a.stix_id, c.alias, a.tlp, a.submitter, a.submitter_hidden, a.pattern, a.status, a.reason,
                       a.value_type, a.value, a.confidence, a.reporters, a.sightings, a.last_sighted, a.valid_until,
                       a.stored_at, a.retro_status, a.retro_done, a.retro_total, a.retro_hits, a.retro_note,
                       array(select distinct r ->> 'external_id'
                             from intel_object o cross join lateral jsonb_array_elements(
                                  case when jsonb_typeof(o.body::jsonb -> 'external_references') = 'array'
                                       then o.body::jsonb -> 'external_references' else '[]'::jsonb end) r
                             where o.collection_id = a.collection_id and o.stix_id = a.stix_id and o.is_last
                               and r ->> 'source_name' in ('mitre-attack', 'mitre-mobile-attack', 'mitre-ics-attack')
                             ) as techniques
                from intel_analysis_indicator a join intel_collection c on c.id = a.collection_id
                where """ + " " + where + visibility + " order by a.stored_at desc, a.stix_id limit :limit")
                .param("limit", limit);
        if (viewer != null) statement = statement.param("viewer", viewer.value());
        if (ids != null) statement = statement.param("ids", ids);
        else if (id != null) statement = statement.param("id", id);
        else statement = statement.param("status", status).param("q", q);
        List<AnalysedIndicator> rows = statement.query((rs, n) -> {
            String submitter = rs.getString(4);
            boolean mine = viewer == null || submitter.equals(viewer.value());
            boolean showSubmitter = viewer == null || mine || !rs.getBoolean(5);
            String st = rs.getString(7);
            String reason = rs.getString(8);
            return new AnalysedIndicator(rs.getString(1), rs.getString(2), org.finres.stix.Tlp.valueOf(rs.getString(3)).level(),
                    showSubmitter ? submitter : null, viewer != null && mine, rs.getString(6), st, reason,
                    st.equals("warning-listed") && reason != null ? reason.split(" ", 2)[0] : null, rs.getString(9),
                    rs.getString(10), rs.getInt(11), rs.getInt(12), rs.getLong(13), instant(rs.getObject(14, OffsetDateTime.class)),
                    instant(rs.getObject(15, OffsetDateTime.class)), instant(rs.getObject(16, OffsetDateTime.class)),
                    new RetroHunt(rs.getString(17), rs.getInt(18), rs.getInt(19), rs.getInt(20), rs.getString(21)),
                    techniqueIds(rs.getArray(22)));
        }).list();
        rows = named(rows);
        recordRestrictedReads(actor, rows);
        return rows;
    }

    private static List<TechniqueRef> techniqueIds(java.sql.Array array) throws java.sql.SQLException {
        List<TechniqueRef> out = new java.util.ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            if (o instanceof String id && TechniqueId.isValid(id)) {
                out.add(new TechniqueRef(TechniqueId.of(id).value(), null, null));
            }
        }
        return out;
    }

    /** The techniques' names, in one catalogue lookup for the whole page. */
    private List<AnalysedIndicator> named(List<AnalysedIndicator> rows) {
        java.util.Set<TechniqueId> ids = new java.util.LinkedHashSet<>();
        rows.forEach(r -> r.techniques().forEach(t -> ids.add(TechniqueId.of(t.id()))));
        if (ids.isEmpty()) {
            return rows;
        }
        java.util.Map<TechniqueId, NamedTechnique> names = attack.name(ids);
        return rows.stream().map(r -> new AnalysedIndicator(r.stixId(), r.collection(), r.tlp(), r.submitter(),
                r.mine(), r.pattern(), r.status(), r.reason(), r.warningList(), r.valueType(), r.value(),
                r.confidence(), r.reporters(), r.sightings(), r.lastSighted(), r.validUntil(), r.storedAt(),
                r.retroHunt(), r.techniques().stream().map(t -> {
                    NamedTechnique n = names.get(TechniqueId.of(t.id()));
                    return n == null ? t : new TechniqueRef(t.id(), n.displayName(), n.url());
                }).toList())).toList();
    }

    /** Reads of TLP:AMBER and stricter values are audited, as the STIX store audits reads of the objects. */
    private void recordRestrictedReads(Actor actor, List<AnalysedIndicator> rows) {
        List<AnalysedIndicator> restricted = rows.stream()
                .filter(r -> org.finres.stix.Tlp.ofLevel(r.tlp()).map(t -> t.compareTo(org.finres.stix.Tlp.AMBER) >= 0).orElse(true))
                .toList();
        if (restricted.isEmpty()) {
            return;
        }
        audit.record(actor, AuditEntry.success("restricted.read", "intel_analysis", restricted.getFirst().stixId(), null)
                .with("objects", Integer.toString(restricted.size()))
                .with("ids", String.join(" ", restricted.stream().limit(20).map(AnalysedIndicator::stixId).toList())));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    public List<WarningListView> warningLists(Actor actor) {
        requireRead(actor);
        List<WarningListView> out = new ArrayList<>();
        for (WarningList l : lists.shipped()) {
            out.add(new WarningListView(l.name(), l.title(), true,
                    l.entries().stream().map(e -> new WarningEntryView(null, e.text(), null, null, null)).toList()));
        }
        java.util.Map<String, List<WarningEntryView>> managed = new java.util.LinkedHashMap<>();
        for (WarningLists.ManagedEntry e : lists.managedEntries()) {
            managed.computeIfAbsent(e.list(), k -> new ArrayList<>())
                    .add(new WarningEntryView(e.id(), e.value(), e.note(), e.createdAt(), e.createdBy()));
        }
        managed.forEach((name, entries) -> out.add(new WarningListView(name, name, false, entries)));
        return out;
    }

    /** Adds a hub-managed entry; indicators it covers stop being matched at the next refresh. */
    @Transactional
    public WarningEntryView addWarningEntry(Actor actor, String list, String value, String note) {
        requireManage(actor, "intel.warninglist.add");
        String name = list == null || list.isBlank() ? "hub" : list.strip();
        if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new InvalidInputException("list", "must be 1-64 of a-z 0-9 - starting with a letter or digit (was '"
                    + InvalidInputException.preview(name) + "')");
        }
        if (lists.shipped().stream().anyMatch(l -> l.name().equals(name))) {
            throw new InvalidInputException("list", "'" + name + "' is a shipped list; add entries to a list of your own");
        }
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("value", "is required: an IPv4 or IPv6 address, a CIDR network or a domain");
        }
        WarningList.Entry entry;
        try {
            entry = WarningListParser.entry(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("value", e.getMessage());
        }
        String type = switch (entry) {
            case WarningList.Entry.Domain d -> "domain";
            case WarningList.Entry.Network n -> n.network().isHost()
                    ? (n.network().isIpv4() ? "ipv4" : "ipv6") : "cidr";
        };
        if (note != null && note.length() > 500) {
            throw new InvalidInputException("note", "may be at most 500 characters");
        }
        Instant now = clock.instant();
        Long id = lists.add(name, type, entry.text(), note == null || note.isBlank() ? null : note.strip(), now,
                actor.auditName()).orElseThrow(() -> new InvalidInputException("value",
                "'" + entry.text() + "' is already on list " + name));
        audit.record(actor, AuditEntry.success("intel.warninglist.add", "intel_warning_entry", Long.toString(id), null)
                .with("list", name).with("value", entry.text()));
        recheckAfterCommit();
        return new WarningEntryView(id, entry.text(), note, now, actor.auditName());
    }

    @Transactional
    public void removeWarningEntry(Actor actor, long id) {
        requireManage(actor, "intel.warninglist.remove");
        WarningLists.ManagedEntry gone = lists.remove(id).orElseThrow(() -> new NotFoundException("warning-list entry", Long.toString(id)));
        audit.record(actor, AuditEntry.success("intel.warninglist.remove", "intel_warning_entry", Long.toString(id), null)
                .with("list", gone.list()).with("value", gone.value()));
        recheckAfterCommit();
    }

    private void recheckAfterCommit() {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        engine.recheckWarningLists();
                    }
                });
    }

    /** Whether the caller may change warning lists (the pages show the form only then). */
    public boolean mayManage(Actor actor) {
        return actor.grants().get(Permission.INTEL_WRITE) == Permission.Reach.ALL;
    }

    private void requireRead(Actor actor) {
        if (!actor.holds(Permission.INTEL_READ)) {
            audit.recordDenied(actor, "intel.analysis.read", "intel_analysis", null, null, "missing permission INTEL_READ");
            throw new AccessRefusedException("intelligence analysis needs a token or role with the INTEL_READ permission");
        }
    }

    private void requireManage(Actor actor, String action) {
        if (!mayManage(actor)) {
            audit.recordDenied(actor, action, "intel_warning_entry", null, null, "warning lists are managed by the hub");
            throw new AccessRefusedException("warning lists are managed by the hub (INTEL_WRITE over all institutions)");
        }
    }

    /** The institution whose visibility applies; null for the hub, which receives everything. */
    private static InstitutionId viewer(Actor actor) {
        return actor.grants().get(Permission.INTEL_READ) == Permission.Reach.ALL ? null : actor.institutionId();
    }
}
