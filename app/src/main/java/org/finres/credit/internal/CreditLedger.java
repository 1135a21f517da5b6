package org.finres.credit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.finres.core.InstitutionId;
import org.finres.credit.CreditKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the ledger. Each entry is keyed by the fact it scores, so recording the same fact twice (a redelivered
 * event, a retried request) adds nothing; entries are never updated (the table refuses it).
 */
@Component
public class CreditLedger {

    /** Ranking months are the sector's calendar months, in Taiwan. */
    public static final ZoneId MONTHS = ZoneId.of("Asia/Taipei");

    private final JdbcClient jdbc;
    private final Clock clock;

    CreditLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A fact to score: who, what, how many points, why, about what, and its key. */
    public record Fact(InstitutionId institution, CreditKind kind, int points, String reason, String reference,
                       String sourceKey, boolean anonymous, Instant at) {
    }

    public static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atZone(MONTHS));
    }

    /** True when recorded; false when this fact was already in the ledger. */
    public boolean record(Fact fact, String rulesVersion, String recordedBy) {
        return jdbc.sql("""
                insert into credit_entry (institution_id, kind, points, reason, reference, source_key, anonymous,
                                          occurred_at, month, rules_version, recorded_by, recorded_at)
                values (:i, :kind, :points, :reason, :ref, :key, :anon, :at, :month, :rules, :by, :now)
                on conflict (source_key) do nothing
                """).param("i", fact.institution().value()).param("kind", fact.kind().name()).param("points", fact.points())
                .param("reason", fact.reason()).param("ref", fact.reference()).param("key", fact.sourceKey())
                .param("anon", fact.anonymous()).param("at", Timestamp.from(fact.at()))
                .param("month", monthOf(fact.at()).toString()).param("rules", rulesVersion).param("by", recordedBy)
                .param("now", Timestamp.from(clock.instant())).update() == 1;
    }

    /** The first submitter of an indicator as sharing credit learnt it. */
    public record KnownIndicator(String stixId, InstitutionId submitter, String collection, boolean anonymous, Instant at) {
    }

    public void remember(KnownIndicator i, String patternSha256) {
        jdbc.sql("""
                insert into credit_indicator (stix_id, institution_id, collection, pattern_sha256, anonymous, shared_at)
                values (:id, :i, :c, :h, :anon, :at) on conflict do nothing
                """).param("id", i.stixId()).param("i", i.submitter().value()).param("c", i.collection())
                .param("h", patternSha256).param("anon", i.anonymous()).param("at", Timestamp.from(i.at())).update();
    }

    public Optional<KnownIndicator> indicator(String stixId) {
        return jdbc.sql("select stix_id, institution_id, collection, anonymous, shared_at from credit_indicator where stix_id = :id")
                .param("id", stixId).query((rs, n) -> new KnownIndicator(rs.getString(1), InstitutionId.of(rs.getString(2)),
                        rs.getString(3), rs.getBoolean(4), rs.getTimestamp(5).toInstant())).optional();
    }

    public boolean isFalsePositive(String stixId) {
        return jdbc.sql("select exists (select 1 from credit_false_positive where stix_id = :id)").param("id", stixId)
                .query(Boolean.class).single();
    }

    /** The id and points of the institution's entries of one kind about one reference. */
    public List<long[]> entriesAbout(InstitutionId institution, CreditKind kind, String reference) {
        return jdbc.sql("select id, points from credit_entry where institution_id = :i and kind = :k and reference = :r order by id")
                .param("i", institution.value()).param("k", kind.name()).param("r", reference)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getInt(2)}).list();
    }
}
