package org.finres.detection.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.finres.attack.AttackTechniques;
import org.finres.core.InstitutionId;
import org.finres.detection.AlertKind;
import org.finres.detection.AlertRaised;
import org.finres.stix.attack.TechniqueId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns hits into alerts: a hit with the same institution, rule and dedup key as an open alert whose last hit is
 * within the suppression window is merged into it (count, last seen, evidence), anything else is a new alert.
 * Only the detection worker writes, so the look-up and the insert need no stronger isolation than its own
 * transaction. New alerts are announced with {@link AlertRaised} inside the transaction, so listeners see them
 * after the commit.
 */
@Component
public class AlertWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final DetectionProperties properties;
    private final Clock clock;
    private final AttackTechniques techniques;

    public AlertWriter(JdbcClient jdbc, PlatformTransactionManager transactions, ApplicationEventPublisher events,
                       DetectionProperties properties, Clock clock, AttackTechniques techniques) {
        this.techniques = techniques;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Stores the hits in one transaction; returns the detection facts they became, for sector rules. */
    public List<WrittenFact> write(List<AlertHit> hits) {
        if (hits.isEmpty()) {
            return List.of();
        }
        return transaction.execute(status -> {
            List<WrittenFact> facts = new ArrayList<>();
            for (AlertHit hit : hits) {
                long id = upsert(hit, properties.suppression());
                if (hit.facts() != null) {
                    String view = hit.kind() == AlertKind.INDICATOR ? "sighting" : "alert";
                    jdbc.sql("""
                            insert into detection_fact (institution_id, fact_time, view, fields, alert_id)
                            values (:i, :t, :v, cast(:f as jsonb), :a)
                            """).param("i", hit.institution().value()).param("t", Timestamp.from(hit.time()))
                            .param("v", view).param("f", JSON.writeValueAsString(hit.facts())).param("a", id).update();
                    facts.add(new WrittenFact(hit.institution(), hit.time(), view, hit.facts(), id));
                    joinOpenSectorAlerts(hit, id);
                }
                if (hit.kind() == AlertKind.INDICATOR && hit.facts() != null && !hit.evidence().isEmpty()) {
                    sighting(hit);
                }
            }
            return facts;
        });
    }

    /**
     * A sector rule fired on a fact: one sector alert per rule and group within the sector suppression window,
     * with a member row per institution whose facts of that group fall in the rule's window.
     *
     * @param timespan the correlation's window (null for a sector detection rule: only the fact's institution)
     */
    public long writeSector(AlertHit hit, Duration timespan, InstitutionId factInstitution) {
        return transaction.execute(status -> {
            long id = upsert(hit, properties.sectorSuppression());
            Instant to = hit.time();
            if (timespan == null || hit.group().isEmpty()) {
                jdbc.sql("""
                        insert into sector_alert_member (alert_id, institution_id, first_seen, last_seen, hits)
                        values (:a, :i, :t, :t, 1)
                        on conflict (alert_id, institution_id) do update
                        set last_seen = greatest(sector_alert_member.last_seen, excluded.last_seen),
                            hits = sector_alert_member.hits + 1
                        """).param("a", id).param("i", factInstitution.value()).param("t", Timestamp.from(to)).update();
                return id;
            }
            Map<String, String> group = new TreeMap<>(hit.group());
            group.remove(RuleTransform.INSTITUTION_FIELD);
            // Facts at or before the deciding one; a little slack after it for facts of the same batch.
            jdbc.sql("""
                    insert into sector_alert_member (alert_id, institution_id, first_seen, last_seen, hits, member_alerts)
                    select :a, institution_id, min(fact_time), max(fact_time), count(*),
                           coalesce(array_agg(distinct alert_id) filter (where alert_id is not null), '{}')
                    from detection_fact
                    where fields @> cast(:g as jsonb) and fact_time between :from and :to
                    group by institution_id
                    on conflict (alert_id, institution_id) do update
                    set first_seen = least(sector_alert_member.first_seen, excluded.first_seen),
                        last_seen = greatest(sector_alert_member.last_seen, excluded.last_seen),
                        hits = greatest(sector_alert_member.hits, excluded.hits),
                        member_alerts = (select coalesce(array_agg(distinct x), '{}') from unnest(
                            sector_alert_member.member_alerts || excluded.member_alerts) as x)
                    """).param("a", id).param("g", JSON.writeValueAsString(group))
                    .param("from", Timestamp.from(to.minus(timespan))).param("to", Timestamp.from(to.plusSeconds(60)))
                    .update();
            return id;
        });
    }

    private long upsert(AlertHit hit, Duration suppression) {
        Instant now = clock.instant();
        Optional<Long> open = jdbc.sql("""
                select id from detection_alert
                where institution_id = :i and rule_key = :r and dedup_key = :d and status <> 'closed'
                  and last_seen >= :since
                order by last_seen desc limit 1 for update
                """).param("i", hit.institution().value()).param("r", hit.ruleKey()).param("d", hit.dedupKey())
                .param("since", Timestamp.from(hit.time().minus(suppression))).query(Long.class).optional();
        long id;
        if (open.isPresent()) {
            id = open.get();
            jdbc.sql("""
                    update detection_alert set hits = hits + 1, last_seen = greatest(last_seen, :t),
                           first_seen = least(first_seen, :t), updated_at = :now,
                           finding = jsonb_set(jsonb_set(finding, '{finding_info,last_seen_time}',
                                     to_jsonb(greatest(coalesce((finding #>> '{finding_info,last_seen_time}')::bigint, 0), :ms))),
                                     '{count}', to_jsonb(hits + 1))
                    where id = :id
                    """).param("t", Timestamp.from(hit.time())).param("now", Timestamp.from(now))
                    .param("ms", hit.time().toEpochMilli()).param("id", id).update();
        } else {
            UUID uid = UUID.randomUUID();
            id = jdbc.sql("""
                    insert into detection_alert (uid, institution_id, kind, rule_key, rule_title, level, severity_id,
                        dedup_key, first_seen, last_seen, hits, group_values, search_text, finding, created_at, updated_at,
                        attack_techniques)
                    values (:uid, :i, :kind, :r, :title, :level, :sev, :d, :t, :t, 1, cast(:g as jsonb), :search,
                            cast(:finding as jsonb), :now, :now, :techniques)
                    returning id
                    """).param("uid", uid).param("i", hit.institution().value()).param("kind", hit.kind().code())
                    .param("r", hit.ruleKey()).param("title", hit.title()).param("level", hit.level())
                    .param("sev", AlertHit.severityOf(hit.level())).param("d", hit.dedupKey())
                    .param("t", Timestamp.from(hit.time()))
                    .param("g", hit.group().isEmpty() ? null : JSON.writeValueAsString(new TreeMap<>(hit.group())))
                    .param("search", searchText(hit))
                    .param("finding", FindingDocument.of(uid, hit, now, techniques.name(hit.techniques())))
                    .param("now", Timestamp.from(now))
                    .param("techniques", hit.techniques().stream().map(TechniqueId::value).toArray(String[]::new))
                    .query(Long.class).single();
            events.publishEvent(new AlertRaised(id, uid, hit.institution(), hit.kind(), hit.ruleKey(), hit.title(),
                    hit.level(), hit.time()));
        }
        for (AlertHit.EvidenceEvent e : hit.evidence()) {
            jdbc.sql("""
                    insert into detection_alert_event (alert_id, institution_id, event_id, event_time)
                    select :a, :i, :e, :t
                    where (select count(*) from detection_alert_event where alert_id = :a) < :max
                    on conflict do nothing
                    """).param("a", id).param("i", e.institution().value()).param("e", e.eventId())
                    .param("t", Timestamp.from(e.eventTime())).param("max", properties.evidencePerAlert()).update();
        }
        return id;
    }

    /**
     * A sector correlation fires once, when its threshold is first met; an institution reached later by the same
     * campaign (a fact of the same group while the sector alert is open) joins it as a member, and the campaign
     * stays one sector alert.
     */
    private void joinOpenSectorAlerts(AlertHit hit, long alertId) {
        Timestamp at = Timestamp.from(hit.time());
        int joined = jdbc.sql("""
                insert into sector_alert_member (alert_id, institution_id, first_seen, last_seen, hits, member_alerts)
                select a.id, :i, :t, :t, 1, array[cast(:alert as bigint)] from detection_alert a
                where a.kind = 'sector' and a.status <> 'closed' and a.group_values is not null
                  and a.last_seen >= :since and cast(:fields as jsonb) @> a.group_values
                on conflict (alert_id, institution_id) do update
                set last_seen = greatest(sector_alert_member.last_seen, excluded.last_seen),
                    hits = sector_alert_member.hits + 1,
                    member_alerts = (select coalesce(array_agg(distinct x), '{}') from unnest(
                        sector_alert_member.member_alerts || excluded.member_alerts) as x)
                """).param("i", hit.institution().value()).param("t", at).param("alert", alertId)
                .param("since", Timestamp.from(hit.time().minus(properties.sectorSuppression())))
                .param("fields", JSON.writeValueAsString(hit.facts())).update();
        if (joined > 0) {
            jdbc.sql("""
                    update detection_alert a set last_seen = greatest(a.last_seen, :t), hits = a.hits + 1, updated_at = :t
                    where a.kind = 'sector' and a.status <> 'closed' and a.group_values is not null
                      and a.last_seen >= :since and cast(:fields as jsonb) @> a.group_values
                    """).param("t", at)
                    .param("since", Timestamp.from(hit.time().minus(properties.sectorSuppression())))
                    .param("fields", JSON.writeValueAsString(hit.facts())).update();
        }
    }

    /** Every indicator hit is a sighting; the intelligence module turns it into a STIX sighting. */
    private void sighting(AlertHit hit) {
        AlertHit.EvidenceEvent e = hit.evidence().getFirst();
        long indicatorId = Long.parseLong(hit.facts().get("indicator_id"));
        long id = jdbc.sql("""
                insert into indicator_sighting (indicator_id, institution_id, event_id, event_time, observed, sighted_at)
                values (:ind, :i, :e, :t, :o, :now) returning id
                """).param("ind", indicatorId).param("i", e.institution().value()).param("e", e.eventId())
                .param("t", Timestamp.from(e.eventTime())).param("o", hit.facts().get("observed"))
                .param("now", Timestamp.from(clock.instant())).query(Long.class).single();
        events.publishEvent(new org.finres.detection.IndicatorSighted(id, indicatorId, hit.facts().get("indicator_type"),
                hit.facts().get("indicator_value"), e.institution(), e.eventId(), e.eventTime(), hit.facts().get("observed")));
    }

    private static final int SEARCH_TEXT_MAX = 4_000;

    /** The words an analyst would look an alert up by; bounded, since evidence may carry many observables. */
    static String searchText(AlertHit hit) {
        StringBuilder b = new StringBuilder(256).append(hit.title()).append(' ').append(hit.ruleKey());
        hit.group().values().forEach(v -> b.append(' ').append(v));
        if (!hit.evidence().isEmpty()) {
            AlertHit.EvidenceEvent e = hit.evidence().getFirst();
            for (String v : new String[] {e.srcIp(), e.dstIp(), e.userName(), e.deviceName()}) {
                if (v != null) {
                    b.append(' ').append(v);
                }
            }
            for (String o : e.observables()) {
                if (b.length() > SEARCH_TEXT_MAX) {
                    break;
                }
                b.append(' ').append(o);
            }
        }
        return b.length() > SEARCH_TEXT_MAX ? b.substring(0, SEARCH_TEXT_MAX) : b.toString();
    }

    /** Removes facts older than the retention; sector rules never look that far back. */
    public int pruneFacts() {
        return jdbc.sql("delete from detection_fact where fact_time < :cutoff")
                .param("cutoff", Timestamp.from(clock.instant().minus(properties.factRetention()))).update();
    }

    static Map<String, String> facts(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                out.put(k, v);
            }
        });
        return out;
    }
}
