package org.finres.warning.internal;

import java.time.Clock;

import org.finres.warning.EarlyWarnings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs the reminder and escalation sweep, and the delivery of queued notices, on their configured intervals. */
@Configuration
@EnableScheduling
class WarningSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(WarningSchedule.class);

    private final EarlyWarnings warnings;
    private final NoticeDelivery delivery;
    private final Clock clock;

    WarningSchedule(EarlyWarnings warnings, NoticeDelivery delivery, Clock clock) {
        this.warnings = warnings;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${finres.warnings.sweep-interval:PT1M}",
            initialDelayString = "${finres.warnings.sweep-interval:PT1M}")
    void sweep() {
        EarlyWarnings.Sweep done = warnings.remindAndEscalate(clock.instant());
        if (done.reminded() + done.escalated() > 0) {
            LOG.info("Early warnings: {} recipient(s) reminded, {} escalated", done.reminded(), done.escalated());
        }
    }

    @Scheduled(fixedDelayString = "${finres.warnings.delivery-interval:PT5S}",
            initialDelayString = "${finres.warnings.delivery-interval:PT5S}")
    void deliver() {
        delivery.deliverDue();
    }
}
