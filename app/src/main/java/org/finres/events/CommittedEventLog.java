package org.finres.events;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The store read in commit order (by receipt time), for a stage that fell behind or restarted and must find again
 * what the live hand-off ({@link CommittedEventSink}) did not give it. Not tenant-filtered: it serves the hub's
 * own processing, never a caller.
 */
@Service
public class CommittedEventLog {

    private final JdbcClient jdbc;

    public CommittedEventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Events received after the position, oldest first; a page shorter than {@code limit} means caught up. */
    public List<CommittedEvent> after(Instant receivedAt, UUID eventId, int limit) {
        return jdbc.sql("""
                        select institution_id, event_id, event_time, received_at, class_uid, severity_id, source_name,
                               host(src_ip) as src_ip, host(dst_ip) as dst_ip, user_name, device_name, observables,
                               ocsf::text as ocsf_text, raw
                        from security_event
                        where (received_at, event_id) > (:t, :id)
                        order by received_at, event_id limit :limit
                        """)
                .param("t", Timestamp.from(receivedAt))
                .param("id", eventId == null ? new UUID(0, 0) : eventId)
                .param("limit", limit)
                .query(CommittedEventLog::row).list();
    }

    /** The newest receipt time in the store, or null when it is empty. */
    public Instant newestReceived() {
        Timestamp t = jdbc.sql("select max(received_at) from security_event").query(Timestamp.class).optional().orElse(null);
        return t == null ? null : t.toInstant();
    }

    private static CommittedEvent row(ResultSet rs, int n) throws SQLException {
        String source = rs.getString("source_name");
        Array observables = rs.getArray("observables");
        return new CommittedEvent(InstitutionId.of(rs.getString("institution_id")), rs.getObject("event_id", UUID.class),
                rs.getTimestamp("event_time").toInstant(), rs.getTimestamp("received_at").toInstant(),
                rs.getInt("class_uid"), rs.getInt("severity_id"), formatOf(source), source, rs.getString("src_ip"),
                rs.getString("dst_ip"), rs.getString("user_name"), rs.getString("device_name"),
                observables == null ? List.of() : List.of((String[]) observables.getArray()),
                rs.getString("ocsf_text"), rs.getBytes("raw"));
    }

    /** The intake names a source {@code transport/format}; the format part is the enum's name in lower case. */
    static InputFormat formatOf(String sourceName) {
        int slash = sourceName == null ? -1 : sourceName.lastIndexOf('/');
        if (slash < 0) {
            return InputFormat.UNKNOWN;
        }
        try {
            return InputFormat.valueOf(sourceName.substring(slash + 1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return InputFormat.UNKNOWN;
        }
    }
}
