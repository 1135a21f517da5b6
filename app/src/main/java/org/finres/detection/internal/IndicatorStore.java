package org.finres.detection.internal;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.finres.detection.internal.indicator.Indicator;
import org.finres.detection.internal.indicator.IndicatorType;
import org.finres.detection.internal.indicator.IndicatorValue;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The indicators the hub matches events against. Uploads go through COPY into a staging table and one upsert, so a
 * list of a million values loads in seconds; a value uploaded again is reactivated, never duplicated.
 */
@Component
public class IndicatorStore {

    /** One stored indicator as the API and pages show it. */
    public record Row(long id, String type, String value, String label, String source, boolean active,
                      Instant createdAt, String createdBy, long sightings) {
    }

    /** What an upsert did. */
    public record Upserted(int added, int reactivated, int unchanged) {
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    public IndicatorStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Inserts or reactivates the values; runs in the caller's transaction. */
    public Upserted upsert(List<IndicatorValue> values, List<String> labels, String source, Instant at, String by) {
        if (values.isEmpty()) {
            return new Upserted(0, 0, 0);
        }
        jdbc.sql("create temporary table if not exists indicator_staging (type text, value text, label text) on commit drop")
                .update();
        StringBuilder copy = new StringBuilder(values.size() * 40);
        for (int i = 0; i < values.size(); i++) {
            IndicatorValue v = values.get(i);
            copy.append(escape(v.type().code())).append('\t').append(escape(v.value())).append('\t')
                    .append(labels.get(i) == null ? "\\N" : escape(labels.get(i))).append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY indicator_staging (type, value, label) FROM STDIN", new StringReader(copy.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("storing indicators failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        int reactivated = jdbc.sql("""
                update indicator i set active = true, retired_at = null, label = coalesce(s.label, i.label)
                from (select distinct on (type, value) type, value, label from indicator_staging) s
                where i.type = s.type and i.value = s.value and not i.active
                """).update();
        int added = jdbc.sql("""
                insert into indicator (type, value, label, source, active, created_at, created_by)
                select distinct on (type, value) type, value, label, :source, true, :at, :by from indicator_staging
                on conflict (type, value) do nothing
                """).param("source", source).param("at", Timestamp.from(at)).param("by", by).update();
        int distinct = jdbc.sql("select count(*) from (select distinct type, value from indicator_staging) d")
                .query(Integer.class).single();
        return new Upserted(added, reactivated, distinct - added - reactivated);
    }

    public boolean retire(long id, Instant at) {
        return jdbc.sql("update indicator set active = false, retired_at = :at where id = :id and active")
                .param("at", Timestamp.from(at)).param("id", id).update() > 0;
    }

    public long idOf(String type, String value) {
        return jdbc.sql("select id from indicator where type = :t and value = :v").param("t", type).param("v", value)
                .query(Long.class).single();
    }

    public boolean retireFromSource(long id, String sourcePrefix, Instant at) {
        return jdbc.sql("""
                update indicator set active = false, retired_at = :at
                where id = :id and active and starts_with(source, :prefix)
                """).param("at", Timestamp.from(at)).param("id", id).param("prefix", sourcePrefix).update() > 0;
    }

    /** Streams every active indicator, for building the index. */
    public void forEachActive(Consumer<Indicator> sink) {
        jdbc.sql("select id, type, value from indicator where active").query(rs -> {
            sink.accept(new Indicator(IndicatorType.fromCode(rs.getString(2)), rs.getString(3), rs.getLong(1)));
        });
    }

    public long countActive() {
        return jdbc.sql("select count(*) from indicator where active").query(Long.class).single();
    }

    /** A page, newest first; {@code beforeId} continues after the previous page's last row. */
    public List<Row> page(String type, String search, Long beforeId, int limit) {
        return new ArrayList<>(jdbc.sql("""
                select i.id, i.type, i.value, i.label, i.source, i.active, i.created_at, i.created_by,
                       (select count(*) from indicator_sighting s where s.indicator_id = i.id) as sightings
                from indicator i
                where (cast(:type as text) is null or i.type = :type)
                  and (cast(:q as text) is null or i.value like '%' || :q || '%')
                  and (cast(:before as bigint) is null or i.id < :before)
                order by i.id desc limit :limit
                """).param("type", type).param("q", search == null ? null : search.toLowerCase(java.util.Locale.ROOT))
                .param("before", beforeId).param("limit", limit)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                        rs.getLong(9))).list());
    }

    public java.util.Optional<Row> find(long id) {
        return page(null, null, id + 1, 1).stream().filter(r -> r.id() == id).findFirst();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
