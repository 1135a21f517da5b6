package org.finres.events.internal.store;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drops each institution's event days older than its retention; every drop is in the audit trail. */
@Component
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final Actor.SystemProcess RETENTION = new Actor.SystemProcess("event-retention");

    private final EventStore store;
    private final JdbcClient jdbc;
    private final RetentionProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    public RetentionJob(EventStore store, JdbcClient jdbc, RetentionProperties properties, AuditTrail audit, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${finres.events.retention.every:1h}")
    public void run() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<String> institutions = jdbc.sql("select distinct institution_id from event_partition order by 1")
                .query(String.class).list();
        for (String institution : institutions) {
            int days = properties.daysFor(institution);
            LocalDate cutoff = today.minusDays(days);
            List<LocalDate> dropped = store.dropDaysBefore(InstitutionId.of(institution), cutoff);
            if (!dropped.isEmpty()) {
                log.info("Retention: dropped {} day(s) of events of {} before {} ({} days kept)", dropped.size(),
                        institution, cutoff, days);
                audit.record(RETENTION, AuditEntry.success("events.retention_dropped", "security_event", null,
                                InstitutionId.of(institution))
                        .with("days", Integer.toString(dropped.size())).with("before", cutoff.toString())
                        .with("oldest", dropped.getFirst().toString()));
            }
        }
    }
}
