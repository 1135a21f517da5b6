package org.finres.detection.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.detection.RuleScope;
import org.finres.detection.RuleVersion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The catalogue's tables: one row per document with its current version, and every version's text. */
@Component
public class RuleStore {

    /** A catalogue row with the text of its current version. */
    public record StoredRule(UUID id, String key, RuleScope scope, InstitutionId institution, String documentType,
                             String title, String level, boolean enabled, int version, String origin,
                             Instant updatedAt, String updatedBy, String yaml, String sha256) {
    }

    private static final String SELECT = """
            select r.id, r.rule_key, r.scope, r.institution_id, r.document_type, r.title, r.level, r.enabled,
                   r.version, r.origin, r.updated_at, r.updated_by, v.yaml, v.sha256
            from detection_rule r join detection_rule_version v on v.rule_id = r.id and v.version = r.version
            """;

    private final JdbcClient jdbc;

    public RuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<StoredRule> all() {
        return jdbc.sql(SELECT + " order by r.scope, r.institution_id nulls first, r.title").query(RuleStore::row).list();
    }

    public List<StoredRule> enabled() {
        return jdbc.sql(SELECT + " where r.enabled order by r.created_at, r.id").query(RuleStore::row).list();
    }

    public Optional<StoredRule> find(UUID id) {
        return jdbc.sql(SELECT + " where r.id = :id").param("id", id).query(RuleStore::row).optional();
    }

    public Optional<StoredRule> findByKey(String key) {
        return jdbc.sql(SELECT + " where r.rule_key = :k").param("k", key).query(RuleStore::row).optional();
    }

    public UUID create(String key, RuleScope scope, InstitutionId institution, String type, String title, String level,
                       String origin, String yaml, Instant at, String by) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into detection_rule (id, rule_key, scope, institution_id, document_type, title, level, enabled,
                                            version, origin, created_at, updated_at, updated_by)
                values (:id, :key, :scope, :inst, :type, :title, :level, true, 1, :origin, :at, :at, :by)
                """).param("id", id).param("key", key).param("scope", scope.code())
                .param("inst", institution == null ? null : institution.value()).param("type", type)
                .param("title", title).param("level", level).param("origin", origin)
                .param("at", Timestamp.from(at)).param("by", by).update();
        addVersion(id, 1, yaml, at, by);
        return id;
    }

    public int newVersion(UUID id, String type, String title, String level, String origin, String yaml, Instant at,
                          String by) {
        int version = jdbc.sql("select version from detection_rule where id = :id for update").param("id", id)
                .query(Integer.class).single() + 1;
        addVersion(id, version, yaml, at, by);
        jdbc.sql("""
                update detection_rule set version = :v, document_type = :type, title = :title, level = :level,
                       origin = :origin, updated_at = :at, updated_by = :by where id = :id
                """).param("v", version).param("type", type).param("title", title).param("level", level)
                .param("origin", origin).param("at", Timestamp.from(at)).param("by", by).param("id", id).update();
        return version;
    }

    public void setEnabled(UUID id, boolean enabled, Instant at, String by) {
        jdbc.sql("update detection_rule set enabled = :e, updated_at = :at, updated_by = :by where id = :id")
                .param("e", enabled).param("at", Timestamp.from(at)).param("by", by).param("id", id).update();
    }

    public List<RuleVersion> versions(UUID id) {
        return jdbc.sql("""
                select version, yaml, sha256, uploaded_at, uploaded_by from detection_rule_version
                where rule_id = :id order by version desc
                """).param("id", id)
                .query((rs, n) -> new RuleVersion(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5))).list();
    }

    private void addVersion(UUID id, int version, String yaml, Instant at, String by) {
        jdbc.sql("""
                insert into detection_rule_version (rule_id, version, yaml, sha256, uploaded_at, uploaded_by)
                values (:id, :v, :yaml, :sha, :at, :by)
                """).param("id", id).param("v", version).param("yaml", yaml).param("sha", sha256(yaml))
                .param("at", Timestamp.from(at)).param("by", by).update();
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StoredRule row(ResultSet rs, int n) throws SQLException {
        String institution = rs.getString("institution_id");
        return new StoredRule(rs.getObject("id", UUID.class), rs.getString("rule_key"),
                RuleScope.fromCode(rs.getString("scope")), institution == null ? null : InstitutionId.of(institution),
                rs.getString("document_type"), rs.getString("title"), rs.getString("level"), rs.getBoolean("enabled"),
                rs.getInt("version"), rs.getString("origin"), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"), rs.getString("yaml"), rs.getString("sha256"));
    }
}
