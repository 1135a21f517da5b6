package org.finres.intel.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.intel.VersionSelection;
import org.finres.stix.Tlp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every version of every object, per collection. Writers of one collection take its row lock, draw the next
 * sequence numbers and strictly increasing microsecond date_added values under it and commit before the next
 * writer draws: whatever a reader's keyset scan has passed can never be filled in behind it. Reads are keyset
 * scans on (date_added, seq), the same cost on the first page and the millionth. Callers hold the transaction.
 */
@Component
public class ObjectStore {

    /** A version to store. {@code version} is null when the object has neither modified nor created (an SCO). */
    public record NewVersion(String stixId, String type, String specVersion, Instant created, Instant modified,
                             Instant version, String versionText, boolean revoked, Tlp tlp, boolean recipientsOnly,
                             List<String> recipients, InstitutionId submitter, boolean submitterHidden,
                             String submittedBy, String body) {
    }

    /** What became of one version. */
    public sealed interface Outcome permits Outcome.Added, Outcome.Duplicate, Outcome.Refused {
        String versionText();

        record Added(String versionText, Instant dateAdded) implements Outcome {
        }

        record Duplicate(String versionText) implements Outcome {
        }

        record Refused(String versionText, String reason) implements Outcome {
        }
    }

    /** A stored version as read back. */
    public record Row(long seq, Instant dateAdded, String stixId, String type, String specVersion, Instant version,
                      String versionText, Tlp tlp, boolean revoked, InstitutionId submitter, String body) {
    }

    /**
     * A keyset read.
     *
     * @param after  the position the previous page ended at; null for the first page
     * @param viewer the institution whose visibility applies; null for the hub (which receives everything)
     * @param stixId one object only; null for the whole collection
     */
    public record Query(UUID collection, Cursors.Position after, Instant addedAfter, String stixId, List<String> ids,
                        List<String> types, VersionSelection versions, List<String> specVersions,
                        InstitutionId viewer, int limit) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;

    ObjectStore(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
    }

    private static final class IdState {
        final TreeSet<Instant> versions = new TreeSet<>();
        Instant latestRevoked;
        Pending pendingLast;
        Pending pendingFirst;
    }

    private static final class Pending {
        final NewVersion v;
        final Instant version;
        final long seq;
        final Instant dateAdded;
        boolean first;
        boolean last;

        Pending(NewVersion v, Instant version, long seq, Instant dateAdded) {
            this.v = v;
            this.version = version;
            this.seq = seq;
            this.dateAdded = dateAdded;
        }
    }

    /** Stores the versions in order; the outcomes are in the same order. */
    public List<Outcome> insert(UUID collection, List<NewVersion> versions) {
        long[] lastSeq = new long[1];
        Instant[] lastAdded = new Instant[1];
        jdbc.sql("select last_seq, last_date_added from intel_collection where id = :c for update")
                .param("c", collection).query(rs -> {
                    lastSeq[0] = rs.getLong(1);
                    OffsetDateTime t = rs.getObject(2, OffsetDateTime.class);
                    lastAdded[0] = t == null ? null : t.toInstant();
                });
        Set<String> ids = new HashSet<>();
        versions.forEach(v -> ids.add(v.stixId()));
        Map<String, IdState> states = new HashMap<>();
        jdbc.sql("select stix_id, version, revoked from intel_object where collection_id = :c and stix_id = any(:ids)")
                .param("c", collection).param("ids", ids.toArray(String[]::new)).query(rs -> {
                    IdState s = states.computeIfAbsent(rs.getString(1), k -> new IdState());
                    Instant v = rs.getObject(2, OffsetDateTime.class).toInstant();
                    s.versions.add(v);
                    if (rs.getBoolean(3) && (s.latestRevoked == null || v.isAfter(s.latestRevoked))) {
                        s.latestRevoked = v;
                    }
                });
        Set<String> storedHadVersions = new HashSet<>(states.keySet());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant next = lastAdded[0] == null || now.isAfter(lastAdded[0]) ? now : lastAdded[0].plus(1, ChronoUnit.MICROS);
        long seq = lastSeq[0];
        List<Outcome> outcomes = new ArrayList<>(versions.size());
        List<Pending> pending = new ArrayList<>();
        Set<String> clearLast = new HashSet<>();
        Set<String> clearFirst = new HashSet<>();
        for (NewVersion v : versions) {
            IdState s = states.computeIfAbsent(v.stixId(), k -> new IdState());
            Instant version = v.version() == null ? next : v.version().truncatedTo(ChronoUnit.MICROS);
            String versionText = v.versionText() == null ? TaxiiTime.format(next) : v.versionText();
            if (v.version() != null && s.versions.contains(version)) {
                outcomes.add(new Outcome.Duplicate(versionText));
                continue;
            }
            if (v.version() == null && sameContentStored(collection, v, pending)) {
                outcomes.add(new Outcome.Duplicate(versionText));
                continue;
            }
            if (s.latestRevoked != null && version.isAfter(s.latestRevoked) && !v.revoked()) {
                outcomes.add(new Outcome.Refused(versionText, "the object was revoked in version "
                        + TaxiiTime.format(s.latestRevoked) + "; a revoked object gets no newer versions"));
                continue;
            }
            Pending p = new Pending(v, version, ++seq, next);
            boolean isLast = s.versions.isEmpty() || version.isAfter(s.versions.last());
            boolean isFirst = s.versions.isEmpty() || version.isBefore(s.versions.first());
            p.last = isLast;
            p.first = isFirst;
            if (isLast) {
                if (s.pendingLast != null) {
                    s.pendingLast.last = false;
                } else if (storedHadVersions.contains(v.stixId())) {
                    clearLast.add(v.stixId());
                }
                s.pendingLast = p;
            }
            if (isFirst) {
                if (s.pendingFirst != null) {
                    s.pendingFirst.first = false;
                } else if (storedHadVersions.contains(v.stixId())) {
                    clearFirst.add(v.stixId());
                }
                s.pendingFirst = p;
            }
            s.versions.add(version);
            if (v.revoked() && (s.latestRevoked == null || version.isAfter(s.latestRevoked))) {
                s.latestRevoked = version;
            }
            pending.add(p);
            outcomes.add(new Outcome.Added(versionText, next));
            next = next.plus(1, ChronoUnit.MICROS);
        }
        if (pending.isEmpty()) {
            return outcomes;
        }
        if (!clearLast.isEmpty()) {
            jdbc.sql("update intel_object set is_last = false where collection_id = :c and stix_id = any(:ids) and is_last")
                    .param("c", collection).param("ids", clearLast.toArray(String[]::new)).update();
        }
        if (!clearFirst.isEmpty()) {
            jdbc.sql("update intel_object set is_first = false where collection_id = :c and stix_id = any(:ids) and is_first")
                    .param("c", collection).param("ids", clearFirst.toArray(String[]::new)).update();
        }
        template.batchUpdate("""
                insert into intel_object (collection_id, seq, date_added, stix_id, stix_type, spec_version, created,
                    modified, version, version_text, is_first, is_last, revoked, tlp, scope, recipients, submitter,
                    submitter_hidden, submitted_by, body)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, pending, 500, (PreparedStatement ps, Pending p) -> {
            NewVersion v = p.v;
            ps.setObject(1, collection);
            ps.setLong(2, p.seq);
            ps.setTimestamp(3, Timestamp.from(p.dateAdded));
            ps.setString(4, v.stixId());
            ps.setString(5, v.type());
            ps.setString(6, v.specVersion());
            ps.setTimestamp(7, v.created() == null ? null : Timestamp.from(v.created()));
            ps.setTimestamp(8, v.modified() == null ? null : Timestamp.from(v.modified()));
            ps.setTimestamp(9, Timestamp.from(p.version));
            ps.setString(10, v.versionText() == null ? TaxiiTime.format(p.dateAdded) : v.versionText());
            ps.setBoolean(11, p.first);
            ps.setBoolean(12, p.last);
            ps.setBoolean(13, v.revoked());
            ps.setString(14, v.tlp().name());
            ps.setString(15, v.recipientsOnly() ? "recipients" : "community");
            ps.setArray(16, ps.getConnection().createArrayOf("text", v.recipients().toArray()));
            ps.setString(17, v.submitter().value());
            ps.setBoolean(18, v.submitterHidden());
            ps.setString(19, v.submittedBy());
            ps.setString(20, v.body());
        });
        List<Object[]> patterns = new ArrayList<>();
        for (Pending p : pending) {
            if (p.v.type().equals("indicator")) {
                byte[] hash = patternHash(p.v.body());
                if (hash != null) patterns.add(new Object[] {collection, hash, p.v.stixId()});
            }
        }
        if (!patterns.isEmpty()) {
            template.batchUpdate("insert into intel_pattern (collection_id, pattern_sha256, stix_id) values (?, ?, ?) "
                    + "on conflict do nothing", patterns);
        }
        Pending last = pending.getLast();
        jdbc.sql("update intel_collection set last_seq = :seq, last_date_added = :added where id = :c")
                .param("seq", last.seq).param("added", Timestamp.from(last.dateAdded)).param("c", collection).update();
        return outcomes;
    }

    private boolean sameContentStored(UUID collection, NewVersion v, List<Pending> pending) {
        for (Pending p : pending) {
            if (p.v.stixId().equals(v.stixId()) && p.v.body().equals(v.body())) {
                return true;
            }
        }
        return jdbc.sql("select exists (select 1 from intel_object where collection_id = :c and stix_id = :id and body = :body)")
                .param("c", collection).param("id", v.stixId()).param("body", v.body()).query(Boolean.class).single();
    }

    /** One keyset page: at most {@code limit} rows, plus one more when there are more. */
    public List<Row> page(Query q) {
        // Step one finds the page's keys from the covering index alone; step two reads those rows only.
        List<Long> seqs = keyStatement(q, "").query(Long.class).list();
        if (seqs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select seq, date_added, stix_id, stix_type, spec_version, version, version_text, tlp, revoked,
                       submitter, body
                from intel_object where collection_id = :c and seq = any(:seqs) order by date_added, seq
                """).param("c", q.collection()).param("seqs", seqs.toArray(Long[]::new)).query(ObjectStore::map).list();
    }

    /** PostgreSQL's plan for a page's key query, as {@link #page} runs it (for operators and the paging tests). */
    public List<String> plan(Query q) {
        return keyStatement(q, "explain ").query(String.class).list();
    }

    private JdbcClient.StatementSpec keyStatement(Query q, String prefix) {
        StringBuilder sql = new StringBuilder(prefix).append("select seq from intel_object where collection_id = :c");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("c", q.collection());
        if (q.after() != null) {
            sql.append(" and (date_added, seq) > (:afterAdded, :afterSeq)");
            params.put("afterAdded", Timestamp.from(Cursors.instant(q.after().dateAddedMicros())));
            params.put("afterSeq", q.after().seq());
        }
        if (q.addedAfter() != null) {
            sql.append(" and date_added > :addedAfter");
            params.put("addedAfter", Timestamp.from(q.addedAfter()));
        }
        if (q.stixId() != null) {
            sql.append(" and stix_id = :stixId");
            params.put("stixId", q.stixId());
        }
        if (!q.ids().isEmpty()) {
            sql.append(" and stix_id = any(:ids)");
            params.put("ids", q.ids().toArray(String[]::new));
        }
        if (!q.types().isEmpty()) {
            sql.append(" and stix_type = any(:types)");
            params.put("types", q.types().toArray(String[]::new));
        }
        if (!q.specVersions().isEmpty()) {
            sql.append(" and spec_version = any(:specs)");
            params.put("specs", q.specVersions().toArray(String[]::new));
        }
        VersionSelection v = q.versions();
        if (!v.all()) {
            List<String> any = new ArrayList<>();
            if (v.first()) {
                any.add("is_first");
            }
            if (v.last()) {
                any.add("is_last");
            }
            if (!v.versions().isEmpty()) {
                any.add("version = any(cast(:versions as timestamptz[]))");
                params.put("versions", v.versions().stream().map(Instant::toString).toArray(String[]::new));
            }
            sql.append(" and (").append(String.join(" or ", any)).append(")");
        }
        appendVisibility(sql, params, q.viewer());
        sql.append(" order by date_added, seq limit :limit");
        params.put("limit", q.limit() + 1);
        var statement = jdbc.sql(sql.toString());
        for (var e : params.entrySet()) {
            statement = statement.param(e.getKey(), e.getValue());
        }
        return statement;
    }

    /** True when the viewer may see at least one version of the object. */
    public boolean visible(UUID collection, String stixId, InstitutionId viewer) {
        StringBuilder sql = new StringBuilder("select exists (select 1 from intel_object where collection_id = :c and stix_id = :id");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("c", collection);
        params.put("id", stixId);
        appendVisibility(sql, params, viewer);
        sql.append(")");
        var statement = jdbc.sql(sql.toString());
        for (var e : params.entrySet()) {
            statement = statement.param(e.getKey(), e.getValue());
        }
        return statement.query(Boolean.class).single();
    }

    /**
     * The visibility rule, in SQL: the hub sees everything; an institution sees community-scoped objects up to
     * TLP:AMBER, and anything it submitted or is a named recipient of. AMBER+STRICT and RED are always stored
     * recipients-only, and the TLP test repeats that so that a wrongly stored row could not widen it.
     */
    private static void appendVisibility(StringBuilder sql, Map<String, Object> params, InstitutionId viewer) {
        if (viewer == null) {
            return;
        }
        sql.append(" and ((scope = 'community' and tlp in ('CLEAR', 'GREEN', 'AMBER'))"
                + " or submitter = :viewer or :viewer = any(recipients))");
        params.put("viewer", viewer.value());
    }

    /** A stored indicator with a given pattern hash (the caller compares the pattern itself). */
    public record PatternCandidate(String stixId, InstitutionId submitter, Tlp tlp, String body) {
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /** SHA-256 of a STIX-pattern indicator's pattern text; null for other pattern languages or no pattern. */
    public static byte[] patternHash(String indicatorJson) {
        try {
            var tree = JSON.readTree(indicatorJson);
            var type = tree.get("pattern_type");
            var pattern = tree.get("pattern");
            if (type == null || !type.isString() || !type.stringValue().equals("stix") || pattern == null || !pattern.isString()) {
                return null;
            }
            return hash(pattern.stringValue());
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static byte[] hash(String pattern) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Community-scoped, unrevoked latest versions of indicators in the collection with this pattern. Only
     * community-scoped ones: a corroboration must never tell a member that a recipients-only object exists.
     */
    public List<PatternCandidate> indicatorsWithPattern(UUID collection, String pattern) {
        return jdbc.sql("""
                select o.stix_id, o.submitter, o.tlp, o.body
                from intel_pattern p join intel_object o on o.collection_id = p.collection_id and o.stix_id = p.stix_id
                where p.collection_id = :c and p.pattern_sha256 = :h
                  and o.is_last and not o.revoked and o.scope = 'community'
                order by o.date_added, o.seq limit 50
                """).param("c", collection).param("h", hash(pattern))
                .query((rs, n) -> new PatternCandidate(rs.getString(1), InstitutionId.of(rs.getString(2)),
                        Tlp.valueOf(rs.getString(3)), rs.getString(4))).list();
    }

    /** Deletes the given versions of one object and re-marks its first and last versions. */
    public int delete(UUID collection, String stixId, List<Long> seqs) {
        jdbc.sql("select 1 from intel_collection where id = :c for update").param("c", collection).query(Integer.class).list();
        int deleted = jdbc.sql("delete from intel_object where collection_id = :c and stix_id = :id and seq = any(:seqs)")
                .param("c", collection).param("id", stixId).param("seqs", seqs.toArray(Long[]::new)).update();
        jdbc.sql("""
                update intel_object o set is_first = (o.version = m.mn), is_last = (o.version = m.mx)
                from (select min(version) mn, max(version) mx from intel_object where collection_id = :c and stix_id = :id) m
                where o.collection_id = :c and o.stix_id = :id
                """).param("c", collection).param("id", stixId).update();
        return deleted;
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("seq"), rs.getObject("date_added", OffsetDateTime.class).toInstant(),
                rs.getString("stix_id"), rs.getString("stix_type"), rs.getString("spec_version"),
                rs.getObject("version", OffsetDateTime.class).toInstant(), rs.getString("version_text"),
                Tlp.valueOf(rs.getString("tlp")), rs.getBoolean("revoked"), InstitutionId.of(rs.getString("submitter")),
                rs.getString("body"));
    }
}
