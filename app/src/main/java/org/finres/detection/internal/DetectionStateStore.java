package org.finres.detection.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Correlation windows and the worker's position in the event stream, kept across a restart of the hub. */
@Component
public class DetectionStateStore {

    static final String ENGINE = "hub";

    private final JdbcClient jdbc;

    public DetectionStateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(String state, Instant checkpoint, Instant at) {
        jdbc.sql("""
                insert into detection_state (engine, state, saved_at) values (:e, :s, :at)
                on conflict (engine) do update set state = excluded.state, saved_at = excluded.saved_at
                """).param("e", ENGINE).param("s", state).param("at", Timestamp.from(at)).update();
        if (checkpoint != null) {
            jdbc.sql("""
                    insert into detection_checkpoint (id, received_at) values (1, :t)
                    on conflict (id) do update set received_at = greatest(detection_checkpoint.received_at, excluded.received_at)
                    """).param("t", Timestamp.from(checkpoint)).update();
        }
    }

    public Optional<String> state() {
        return jdbc.sql("select state from detection_state where engine = :e").param("e", ENGINE)
                .query(String.class).optional();
    }

    public Optional<Instant> checkpoint() {
        return jdbc.sql("select received_at from detection_checkpoint where id = 1").query(Timestamp.class)
                .optional().map(Timestamp::toInstant);
    }
}
