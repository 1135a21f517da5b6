package org.finres.events.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.finres.core.InstitutionId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The dead-letter store: undecodable input with its reason, raw bytes, source and time. */
@Component
public class DeadLetterStore {

    private final JdbcClient jdbc;

    public DeadLetterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long add(InstitutionId institution, Instant receivedAt, String transport, String format, String reason, byte[] raw) {
        return jdbc.sql("""
                insert into dead_letter (institution_id, received_at, transport, format, reason, raw)
                values (:i, :at, :transport, :format, :reason, :raw) returning id
                """)
                .param("i", institution.value()).param("at", Timestamp.from(receivedAt)).param("transport", transport)
                .param("format", format).param("reason", reason).param("raw", raw).query(Long.class).single();
    }

    /** Newest first; {@code institution} null means every institution (the hub's view). */
    public List<DeadLetter> recent(InstitutionId institution, boolean pendingOnly, Long beforeId, int limit) {
        return jdbc.sql("""
                select * from dead_letter
                where (cast(:i as text) is null or institution_id = :i)
                  and (not :pending or replayed_at is null)
                  and (cast(:before as bigint) is null or id < :before)
                order by id desc limit :n
                """)
                .param("i", institution == null ? null : institution.value()).param("pending", pendingOnly)
                .param("before", beforeId).param("n", Math.max(1, Math.min(limit, 500)))
                .query(DeadLetterStore::map).list();
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.sql("select * from dead_letter where id = :id").param("id", id).query(DeadLetterStore::map).optional();
    }

    public void markReplayed(long id, Instant at, String outcome) {
        jdbc.sql("update dead_letter set replayed_at = :at, replay_outcome = :o where id = :id")
                .param("at", Timestamp.from(at)).param("o", outcome).param("id", id).update();
    }

    public long countPending(InstitutionId institution) {
        return jdbc.sql("select count(*) from dead_letter where replayed_at is null and (cast(:i as text) is null or institution_id = :i)")
                .param("i", institution == null ? null : institution.value()).query(Long.class).single();
    }

    private static DeadLetter map(ResultSet rs, int row) throws SQLException {
        Timestamp replayed = rs.getTimestamp("replayed_at");
        return new DeadLetter(rs.getLong("id"), InstitutionId.of(rs.getString("institution_id")),
                rs.getTimestamp("received_at").toInstant(), rs.getString("transport"), rs.getString("format"),
                rs.getString("reason"), rs.getBytes("raw"), replayed == null ? null : replayed.toInstant(),
                rs.getString("replay_outcome"));
    }
}
