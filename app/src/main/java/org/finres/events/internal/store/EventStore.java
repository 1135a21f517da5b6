package org.finres.events.internal.store;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.finres.core.InstitutionId;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends batches of events with PostgreSQL's COPY, one transaction per batch, so that a batch is either
 * committed whole or not at all and can be acknowledged only after it is. A batch that collides with events
 * already stored (a redelivery) falls back to a staging table and {@code ON CONFLICT DO NOTHING}, so
 * duplicates are counted and stored once without slowing down the common case.
 */
@Component
public class EventStore {

    private static final String COLUMNS = "institution_id, event_time, event_id, received_at, category_uid, class_uid, "
            + "type_uid, severity_id, priority, incident_level, source_name, src_ip, dst_ip, user_name, device_name, "
            + "observables, message, ocsf, raw";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate batch;
    private final TransactionTemplate fastPath;
    private final TransactionTemplate partitionDdl;
    private final Set<String> knownPartitions = ConcurrentHashMap.newKeySet();

    public EventStore(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.batch = new TransactionTemplate(transactions);
        // Nested: inside a caller's transaction the fast path runs under a savepoint, so a duplicate rolls back only
        // the COPY and the fallback can go on in the same transaction; alone, it is a transaction of its own.
        this.fastPath = new TransactionTemplate(transactions);
        this.fastPath.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.partitionDdl = new TransactionTemplate(transactions);
        this.partitionDdl.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Stores the batch in one transaction; returns only after it is committed. */
    public AppendResult append(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return new AppendResult(0, 0);
        }
        ensurePartitions(events);
        String copyText = copyText(events);
        try {
            return fastPath.execute(status -> new AppendResult((int) copy("security_event", copyText), 0));
        } catch (DuplicateInBatchException duplicate) {
            return batch.execute(status -> appendSkippingDuplicates(copyText, events.size()));
        }
    }

    private AppendResult appendSkippingDuplicates(String copyText, int size) {
        jdbc.sql("create temporary table if not exists event_staging (like security_event including defaults) on commit delete rows")
                .update();
        copy("event_staging", copyText);
        java.util.Set<java.util.UUID> stored = new java.util.HashSet<>(jdbc.sql(
                        "insert into security_event select * from event_staging on conflict do nothing returning event_id")
                .query(java.util.UUID.class).list());
        jdbc.sql("truncate event_staging").update();
        return new AppendResult(stored.size(), size - stored.size(), stored);
    }

    private long copy(String table, String text) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            return copy.copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN", new StringReader(text));
        } catch (PSQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState()) && table.equals("security_event")) {
                throw new DuplicateInBatchException();
            }
            throw new IllegalStateException("storing events failed: " + e.getMessage(), e);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("storing events failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Creates the institution's partition and the day partitions the batch needs, once each. */
    private void ensurePartitions(List<StoredEvent> events) {
        Set<String> missing = new LinkedHashSet<>();
        for (StoredEvent event : events) {
            String key = event.institution().value() + "|" + LocalDate.ofInstant(event.eventTime(), ZoneOffset.UTC);
            if (!knownPartitions.contains(key)) {
                missing.add(key);
            }
        }
        for (String key : missing) {
            String[] parts = key.split("\\|");
            createPartition(InstitutionId.of(parts[0]), LocalDate.parse(parts[1]));
            knownPartitions.add(key);
        }
    }

    private void createPartition(InstitutionId institution, LocalDate day) {
        partitionDdl.executeWithoutResult(status -> {
            // Serialises DDL between hub instances and threads; the catalogue row makes it idempotent.
            jdbc.sql("select pg_advisory_xact_lock(hashtext('finres.event_partition'))").query(Object.class).list();
            boolean exists = jdbc.sql("select count(*) from event_partition where institution_id = :i and day = :d")
                    .param("i", institution.value()).param("d", day).query(Long.class).single() > 0;
            if (exists) {
                return;
            }
            String parent = institutionPartition(institution);
            // Institution ids are validated ([a-z0-9-]), so they are safe as SQL literals here.
            jdbc.sql("create table if not exists " + parent + " partition of security_event for values in ('"
                    + institution.value() + "') partition by range (event_time)").update();
            String child = parent + "_" + DAY.format(day);
            jdbc.sql("create table if not exists " + child + " partition of " + parent + " for values from ('"
                    + day + " 00:00:00+00') to ('" + day.plusDays(1) + " 00:00:00+00')").update();
            jdbc.sql("insert into event_partition (institution_id, day, table_name) values (:i, :d, :t)")
                    .param("i", institution.value()).param("d", day).param("t", child).update();
        });
    }

    /**
     * Drops the institution's day partitions older than the cutoff: retention without a row-by-row delete.
     *
     * @return the days dropped
     */
    public List<LocalDate> dropDaysBefore(InstitutionId institution, LocalDate cutoff) {
        List<Partition> old = jdbc.sql("select day, table_name from event_partition where institution_id = :i and day < :c order by day")
                .param("i", institution.value()).param("c", cutoff)
                .query((rs, n) -> new Partition(rs.getDate(1).toLocalDate(), rs.getString(2))).list();
        for (Partition partition : old) {
            partitionDdl.executeWithoutResult(status -> {
                jdbc.sql("select pg_advisory_xact_lock(hashtext('finres.event_partition'))").query(Object.class).list();
                jdbc.sql("drop table if exists " + partition.tableName()).update();
                jdbc.sql("delete from event_partition where table_name = :t").param("t", partition.tableName()).update();
            });
            knownPartitions.remove(institution.value() + "|" + partition.day());
        }
        return old.stream().map(Partition::day).toList();
    }

    private record Partition(LocalDate day, String tableName) {
    }

    static String institutionPartition(InstitutionId institution) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(institution.value().getBytes(StandardCharsets.UTF_8));
            return "ev_" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows in COPY's text format: tab-separated, backslash escapes, \N for NULL. */
    static String copyText(List<StoredEvent> events) {
        StringBuilder out = new StringBuilder(events.size() * 512);
        for (StoredEvent e : events) {
            field(out, e.institution().value());
            field(out, e.eventTime().toString());
            field(out, e.eventId().toString());
            field(out, e.receivedAt().toString());
            field(out, Integer.toString(e.categoryUid()));
            field(out, Integer.toString(e.classUid()));
            field(out, Long.toString(e.typeUid()));
            field(out, Integer.toString(e.severityId()));
            field(out, Integer.toString(e.priority()));
            field(out, e.incidentLevel() == null ? null : e.incidentLevel().toString());
            field(out, e.sourceName());
            field(out, e.srcIp());
            field(out, e.dstIp());
            field(out, e.userName());
            field(out, e.deviceName());
            field(out, arrayLiteral(e.observables()));
            field(out, e.message());
            field(out, e.ocsfJson());
            lastField(out, e.raw() == null ? null : "\\x" + HexFormat.of().formatHex(e.raw()));
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String value) {
        escaped(out, value);
        out.append('\t');
    }

    private static void lastField(StringBuilder out, String value) {
        escaped(out, value);
        out.append('\n');
    }

    private static void escaped(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> { } // PostgreSQL text cannot hold NUL; it is dropped rather than failing the batch.
                default -> out.append(c);
            }
        }
    }

    private static String arrayLiteral(List<String> values) {
        StringBuilder array = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                array.append(',');
            }
            array.append('"');
            String v = values.get(i);
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                if (c == '"' || c == '\\') {
                    array.append('\\');
                }
                array.append(c);
            }
            array.append('"');
        }
        return array.append('}').toString();
    }

    /** Signals that the fast path met an event already stored. */
    private static final class DuplicateInBatchException extends RuntimeException {
        DuplicateInBatchException() {
            super(null, null, false, false);
        }
    }

    /** Counts stored events (tests and the completeness page). */
    public long count(InstitutionId institution) {
        return jdbc.sql("select count(*) from security_event where institution_id = :i").param("i", institution.value())
                .query(Long.class).single();
    }

    /** The moment the newest event of an institution was received, if any. */
    public Instant lastReceived(InstitutionId institution) {
        return jdbc.sql("select max(received_at) from security_event where institution_id = :i").param("i", institution.value())
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).single();
    }
}
