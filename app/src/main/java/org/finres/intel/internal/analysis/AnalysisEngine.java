package org.finres.intel.internal.analysis;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.detection.IndicatorSighted;
import org.finres.detection.Indicators;
import org.finres.events.search.EventCursor;
import org.finres.events.search.EventPage;
import org.finres.events.search.EventQuery;
import org.finres.events.search.EventSearch;
import org.finres.events.search.EventSummary;
import org.finres.stix.Tlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's analysis of every stored STIX indicator. A refresh works through a queue that database triggers fill in
 * the storing transaction (a new version, a deletion, a corroboration) and that expiry and warning-list changes add
 * to, so its cost follows what changed, not how much is stored. Each queued indicator's latest version is examined:
 * a simple pattern on a value no warning list covers is registered with
 * detection, anything else is recorded with the reason it is not; revoked and expired ones are retired and their
 * detection rows withdrawn once no other indicator needs them (so are ones deleted over TAXII). New matched indicators are retro-hunted in the event
 * store, one institution partition at a time, and confidence is recomputed on every change and daily. Work runs on
 * one background thread, so sharing never waits for analysis.
 */
@Component
public class AnalysisEngine {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisEngine.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Actor.SystemProcess ANALYSIS = new Actor.SystemProcess("intel-analysis");
    /** Detection rows registered for STIX indicators carry this source prefix, followed by the STIX id. */
    static final String SOURCE = "stix:";
    private static final int BATCH = 200;
    private static final int RETRO_HUNTS_PER_REFRESH = 100;
    private static final int CONFIDENCE_BATCH = 1_000;

    private final JdbcClient jdbc;
    private final Indicators indicators;
    private final WarningLists lists;
    private final Sightings sightings;
    private final EventSearch search;
    private final Institutions institutions;
    private final AnalysisProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "intel-analysis");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    AnalysisEngine(JdbcClient jdbc, Indicators indicators, WarningLists lists, Sightings sightings, EventSearch search,
                   Institutions institutions, AnalysisProperties properties, Clock clock,
                   PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.indicators = indicators;
        this.lists = lists;
        this.sightings = sightings;
        this.search = search;
        this.institutions = institutions;
        this.properties = properties;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Queues one refresh; requests while one is queued are the same refresh. */
    public void requestRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                refreshQueued.set(false);
                try {
                    refresh();
                } catch (RuntimeException e) {
                    LOG.warn("intelligence analysis refresh failed: {}", e.getMessage(), e);
                }
            });
        }
    }

    /** Marks every matched or warning-listed indicator for re-examination (a warning list changed). */
    public void recheckWarningLists() {
        lists.forget();
        // On the worker, in a transaction of its own: called after the change commits, where the caller's
        // transaction can no longer commit anything.
        worker.execute(() -> {
            tx.executeWithoutResult(s -> jdbc.sql("""
                    insert into intel_analysis_queue (collection_id, stix_id)
                    select collection_id, stix_id from intel_analysis_indicator where status in ('matched', 'warning-listed')
                    """).update());
            requestRefresh();
        });
    }

    void refresh() {
        tx.executeWithoutResult(s -> queueExpired(clock.instant()));
        while (Boolean.TRUE.equals(tx.execute(s -> examineBatch()))) {
            // next batch
        }
        recomputeConfidence();
        // Newest first, one at a time, and back to examining as soon as something new was shared: a bulk load's
        // backlog of retro-hunts must not keep the indicator a member just shared waiting behind it.
        for (int i = 0; i < RETRO_HUNTS_PER_REFRESH && !refreshQueued.get(); i++) {
            Optional<Key> next = tx.execute(s -> newestPendingRetroHunt());
            if (next == null || next.isEmpty()) {
                break;
            }
            retroHunt(next.get());
        }
    }

    record Key(UUID collection, String stixId) {
    }

    private record Candidate(UUID collection, String stixId, String submitter, boolean hidden, String tlp,
                             String scope, String[] recipients, boolean revoked, Instant version, Instant dateAdded,
                             String body, boolean known, Long oldDetection) {
    }

    /** Queues indicators whose valid_until has passed, so that they are retired. */
    private void queueExpired(Instant now) {
        jdbc.sql("""
                insert into intel_analysis_queue (collection_id, stix_id)
                select a.collection_id, a.stix_id from intel_analysis_indicator a
                where a.status <> 'retired' and a.valid_until <= :now
                  and not exists (select 1 from intel_analysis_queue q
                                  where q.collection_id = a.collection_id and q.stix_id = a.stix_id)
                """).param("now", Timestamp.from(now)).update();
    }

    /**
     * Takes a batch off the queue, newest first (what a member just shared is not kept waiting behind a bulk load),
     * examines each indicator's latest version, and recounts the reporters of every pattern the batch touched.
     * True when there may be more.
     */
    private boolean examineBatch() {
        Instant now = clock.instant();
        List<Key> keys = jdbc.sql("""
                delete from intel_analysis_queue
                where id in (select id from intel_analysis_queue order by id desc limit :limit)
                returning collection_id, stix_id
                """).param("limit", BATCH)
                .query((rs, n) -> new Key(rs.getObject(1, UUID.class), rs.getString(2))).list();
        if (keys.isEmpty()) {
            return false;
        }
        boolean full = keys.size() == BATCH;
        keys = List.copyOf(new java.util.LinkedHashSet<>(keys));   // a key may be queued more than once
        String[] collections = keys.stream().map(k -> k.collection().toString()).toArray(String[]::new);
        String[] stixIds = keys.stream().map(Key::stixId).toArray(String[]::new);
        List<Candidate> batch = jdbc.sql("""
                select o.collection_id, o.stix_id, o.submitter, o.submitter_hidden, o.tlp, o.scope, o.recipients,
                       o.revoked, o.version, o.date_added, o.body, a.stix_id is not null, a.detection_id
                from unnest(:collections::uuid[], :ids::text[]) k (collection_id, stix_id)
                join intel_object o on o.collection_id = k.collection_id and o.stix_id = k.stix_id
                    and o.is_last and o.stix_type = 'indicator'
                left join intel_analysis_indicator a on a.collection_id = o.collection_id and a.stix_id = o.stix_id
                """).param("collections", collections).param("ids", stixIds)
                .query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), rs.getString(5), rs.getString(6), (String[]) rs.getArray(7).getArray(),
                        rs.getBoolean(8), rs.getObject(9, OffsetDateTime.class).toInstant(),
                        rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getString(11), rs.getBoolean(12),
                        (Long) rs.getObject(13))).list();
        for (Candidate c : batch) {
            examine(c, now);
        }
        retireDeleted(keys, batch);
        recountReporters(collections, stixIds);
        return full;
    }

    /** Queued indicators with no version left (a TAXII DELETE took them all) are retired and stop alerting. */
    private void retireDeleted(List<Key> keys, List<Candidate> found) {
        java.util.Set<Key> present = new java.util.HashSet<>();
        for (Candidate c : found) {
            present.add(new Key(c.collection(), c.stixId()));
        }
        for (Key k : keys) {
            if (present.contains(k)) {
                continue;
            }
            List<Long> detections = jdbc.sql("""
                    update intel_analysis_indicator a set status = 'retired', reason = 'deleted from its collection',
                        detection_id = null, computed_at = null,
                        retro_status = case when a.retro_status = 'pending' then 'skipped' else a.retro_status end
                    from intel_analysis_indicator old
                    where a.collection_id = old.collection_id and a.stix_id = old.stix_id
                      and a.collection_id = :c and a.stix_id = :s and a.status <> 'retired'
                    returning old.detection_id
                    """).param("c", k.collection()).param("s", k.stixId()).query((rs, n) -> (Long) rs.getObject(1))
                    .list();
            detections.stream().filter(java.util.Objects::nonNull).forEach(this::release);
        }
    }

    private void examine(Candidate c, Instant now) {
        String status;
        String reason = null;
        String type = null;
        String value = null;
        Long detection = null;
        Instant validUntil = null;
        String pattern = null;
        try {
            JsonNode body = JSON.readTree(c.body());
            pattern = text(body, "pattern");
            String validText = text(body, "valid_until");
            validUntil = validText == null ? null : Instant.parse(validText);
            if (c.revoked()) {
                status = "retired";
                reason = "revoked by its submitter";
            } else if (validUntil != null && !validUntil.isAfter(now)) {
                status = "retired";
                reason = "valid_until " + validText + " has passed";
            } else {
                switch (PatternValue.of(text(body, "pattern_type"), pattern)) {
                    case PatternValue.Unmatchable u -> {
                        status = "unmatchable";
                        reason = u.reason();
                    }
                    case PatternValue.Matchable m -> {
                        Indicators.CanonicalValue canonical = indicators.canonical(m.type(), m.value());
                        type = canonical.type();
                        value = canonical.value();
                        Optional<WarningLists.Hit> hit = lists.match(type, value);
                        if (hit.isPresent()) {
                            status = "warning-listed";
                            reason = hit.get().describe();
                        } else {
                            String name = text(body, "name");
                            detection = indicators.register(ANALYSIS, type, value,
                                    name == null ? null : name.length() > 1000 ? name.substring(0, 1000) : name,
                                    SOURCE + c.stixId()).id();
                            status = "matched";
                        }
                    }
                }
            }
        } catch (InvalidInputException e) {
            status = "unmatchable";
            reason = e.getMessage();
        } catch (RuntimeException e) {
            status = "unmatchable";
            reason = "the indicator could not be read: " + e.getMessage();
        }
        boolean matched = status.equals("matched");
        String retroStatus = "none";
        String retroNote = null;
        if (!c.known() && matched) {
            if (type.equals("cidr")) {
                retroStatus = "skipped";
                retroNote = "networks are not retro-hunted: stored events are searched by exact observable";
            } else if (properties.retroHuntPeriod().isZero()) {
                retroStatus = "skipped";
                retroNote = "retro-hunting is switched off (finres.intel.analysis.retro-hunt-period is zero)";
            } else {
                retroStatus = "pending";
            }
        }
        jdbc.sql("""
                insert into intel_analysis_indicator (collection_id, stix_id, submitter, submitter_hidden, version, tlp,
                    scope, recipients, pattern, status, reason, value_type, value, detection_id, valid_until, stored_at,
                    retro_status, retro_note)
                values (:c, :s, :sub, :hidden, :v, :tlp, :scope, :rec, :p, :status, :reason, :type, :value, :det, :until,
                    :stored, :retro, :note)
                on conflict (collection_id, stix_id) do update set submitter_hidden = excluded.submitter_hidden,
                    version = excluded.version, tlp = excluded.tlp, scope = excluded.scope,
                    recipients = excluded.recipients, pattern = excluded.pattern, status = excluded.status,
                    reason = excluded.reason, value_type = excluded.value_type, value = excluded.value,
                    detection_id = excluded.detection_id, valid_until = excluded.valid_until, computed_at = null
                """).param("c", c.collection()).param("s", c.stixId()).param("sub", c.submitter())
                .param("hidden", c.hidden()).param("v", Timestamp.from(c.version())).param("tlp", c.tlp())
                .param("scope", c.scope()).param("rec", c.recipients()).param("p", pattern).param("status", status)
                .param("reason", reason).param("type", type).param("value", value).param("det", detection)
                .param("until", validUntil == null ? null : Timestamp.from(validUntil))
                .param("stored", Timestamp.from(c.dateAdded())).param("retro", retroStatus).param("note", retroNote)
                .update();
        if (c.oldDetection() != null && !c.oldDetection().equals(detection)) {
            release(c.oldDetection());
        }
    }

    /** Withdraws a detection row no matched indicator needs any more. */
    private void release(long detectionId) {
        boolean needed = jdbc.sql("select exists (select 1 from intel_analysis_indicator where detection_id = :d and status = 'matched')")
                .param("d", detectionId).query(Boolean.class).single();
        if (!needed) {
            indicators.withdraw(ANALYSIS, detectionId, SOURCE);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isString() ? null : v.stringValue();
    }

    /**
     * Reporters, from every collection's copies and corroborations, of each pattern the given indicators carry (in
     * any of their versions), set on every live indicator with such a pattern; their confidence is then due.
     */
    private void recountReporters(String[] collections, String[] stixIds) {
        jdbc.sql("""
                update intel_analysis_indicator a set reporters = r.n, computed_at = null
                from (
                    select a2.collection_id, a2.stix_id, (
                        select count(distinct x) from (
                            select o.submitter as x from intel_pattern p2
                            join intel_object o on o.collection_id = p2.collection_id and o.stix_id = p2.stix_id
                                and o.is_last and not o.revoked
                            where p2.pattern_sha256 = p.pattern_sha256
                            union
                            select c.institution_id from intel_pattern p3
                            join intel_corroboration c on c.collection_id = p3.collection_id and c.stix_id = p3.stix_id
                            where p3.pattern_sha256 = p.pattern_sha256
                        ) u) as n
                    from intel_analysis_indicator a2
                    join intel_pattern p on p.collection_id = a2.collection_id and p.stix_id = a2.stix_id
                    where a2.status <> 'retired' and p.pattern_sha256 in (
                        select t.pattern_sha256 from unnest(:collections::uuid[], :ids::text[]) k (collection_id, stix_id)
                        join intel_pattern t on t.collection_id = k.collection_id and t.stix_id = k.stix_id)
                ) r
                where a.collection_id = r.collection_id and a.stix_id = r.stix_id and a.reporters <> r.n and r.n > 0
                """).param("collections", collections).param("ids", stixIds).update();
    }

    /** Confidence of every indicator that changed or was last computed a day ago, a transaction per batch. */
    void recomputeConfidence() {
        while (Boolean.TRUE.equals(tx.execute(s -> recomputeConfidenceBatch(clock.instant())))) {
            // next batch
        }
    }

    private boolean recomputeConfidenceBatch(Instant now) {
        record Row(UUID collection, String stixId, String status, int reporters, long sightings, Instant fresh) {
        }
        List<Row> rows = jdbc.sql("""
                select collection_id, stix_id, status, reporters, sightings, greatest(stored_at, last_sighted)
                from intel_analysis_indicator where computed_at is null or computed_at < :day
                limit :limit
                """).param("day", Timestamp.from(now.minus(1, ChronoUnit.DAYS))).param("limit", CONFIDENCE_BATCH)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getLong(5), rs.getObject(6, OffsetDateTime.class).toInstant())).list();
        if (rows.isEmpty()) {
            return false;
        }
        String[] collections = new String[rows.size()];
        String[] stixIds = new String[rows.size()];
        String[] confidences = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            collections[i] = r.collection().toString();
            stixIds[i] = r.stixId();
            confidences[i] = Integer.toString(r.status().equals("retired") ? 0
                    : Confidence.of(r.reporters(), r.sightings(), r.fresh(), now, properties.halfLife()));
        }
        jdbc.sql("""
                update intel_analysis_indicator a set confidence = v.confidence, computed_at = :now
                from unnest(:collections::uuid[], :ids::text[], :confidences::int[]) v (collection_id, stix_id, confidence)
                where a.collection_id = v.collection_id and a.stix_id = v.stix_id
                """).param("now", Timestamp.from(now)).param("collections", collections).param("ids", stixIds)
                .param("confidences", confidences).update();
        return rows.size() == CONFIDENCE_BATCH;
    }

    private Optional<Key> newestPendingRetroHunt() {
        return jdbc.sql("select collection_id, stix_id from intel_analysis_indicator where retro_status = 'pending' "
                        + "order by stored_at desc limit 1")
                .query((rs, n) -> new Key(rs.getObject(1, UUID.class), rs.getString(2))).optional();
    }

    /**
     * Searches each institution's partition in turn for the value over the look-back; the hub searches, but each
     * sighting names only the member whose events held it. Progress is per institution.
     */
    private void retroHunt(Key k) {
        Optional<Sightings.Target> target = tx.execute(s -> target(k));
        String value = tx.execute(s -> jdbc.sql("select value from intel_analysis_indicator where collection_id = :c and stix_id = :s")
                .param("c", k.collection()).param("s", k.stixId()).query(String.class).optional().orElse(null));
        if (target == null || target.isEmpty() || value == null) {
            return;
        }
        List<InstitutionId> members = institutions.list(ANALYSIS).stream().map(i -> i.id()).toList();
        Instant to = clock.instant();
        Instant from = to.minus(properties.retroHuntPeriod());
        tx.executeWithoutResult(s -> progress(k, "running", members.size(), 0, 0, null));
        int done = 0;
        int hits = 0;
        try {
            for (InstitutionId member : members) {
                EventCursor cursor = null;
                do {
                    EventPage page = search.search(ANALYSIS, new EventQuery(from, to, member, null, null, null, value,
                            cursor, EventQuery.MAX_LIMIT));
                    for (EventSummary e : page.events()) {
                        if (Boolean.TRUE.equals(tx.execute(s -> sightings.record(target.get(), e.institution(),
                                e.eventId(), e.eventTime(), value, true)))) {
                            hits++;
                        }
                    }
                    cursor = page.next();
                } while (cursor != null);
                done++;
                int d = done;
                int h = hits;
                tx.executeWithoutResult(s -> progress(k, "running", members.size(), d, h, null));
            }
            int h = hits;
            tx.executeWithoutResult(s -> progress(k, "done", members.size(), members.size(), h, null));
        } catch (RuntimeException e) {
            LOG.warn("retro-hunt of {} failed: {}", k.stixId(), e.getMessage(), e);
            int d = done;
            int h = hits;
            tx.executeWithoutResult(s -> progress(k, "failed", members.size(), d, h, e.getMessage()));
        }
        recomputeConfidence();
    }

    private void progress(Key k, String status, int total, int done, int hits, String note) {
        jdbc.sql("""
                update intel_analysis_indicator set retro_status = :st, retro_total = :t, retro_done = :d, retro_hits = :h,
                    retro_note = coalesce(:n, retro_note)
                where collection_id = :c and stix_id = :s
                """).param("st", status).param("t", total).param("d", done).param("h", hits).param("n", note)
                .param("c", k.collection()).param("s", k.stixId()).update();
    }

    private Optional<Sightings.Target> target(Key k) {
        return jdbc.sql("select submitter, tlp, scope, recipients from intel_analysis_indicator where collection_id = :c and stix_id = :s")
                .param("c", k.collection()).param("s", k.stixId())
                .query((rs, n) -> new Sightings.Target(k.collection(), k.stixId(), InstitutionId.of(rs.getString(1)),
                        Tlp.valueOf(rs.getString(2)), rs.getString(3).equals("recipients"),
                        Arrays.asList((String[]) rs.getArray(4).getArray()))).optional();
    }

    /** A detection hit: a sighting of every matched STIX indicator registered as that detection row. */
    public void sighted(IndicatorSighted hit) {
        List<Key> keys = tx.execute(s -> jdbc.sql(
                        "select collection_id, stix_id from intel_analysis_indicator where detection_id = :d and status = 'matched'")
                .param("d", hit.indicatorId()).query((rs, n) -> new Key(rs.getObject(1, UUID.class), rs.getString(2))).list());
        if (keys == null || keys.isEmpty()) {
            return;
        }
        // One transaction per indicator: holding one indicator's row while waiting for the next one's could meet a
        // refresh holding them the other way round. A deadlock victim is rolled back whole, so it is tried again.
        for (Key k : keys) {
            for (int attempt = 1; ; attempt++) {
                try {
                    tx.executeWithoutResult(s -> target(k).ifPresent(t -> sightings.record(t, hit.institution(),
                            hit.eventId(), hit.eventTime(), hit.observed(), false)));
                    break;
                } catch (org.springframework.dao.PessimisticLockingFailureException e) {
                    if (attempt == 3) throw e;
                }
            }
        }
        requestRefresh();
    }

    /** For the API: re-reads the shipped and managed lists' current state. */
    public List<WarningList> shippedLists() {
        return new ArrayList<>(lists.shipped());
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        worker.shutdownNow();
    }
}
