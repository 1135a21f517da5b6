package org.finres.vault.internal;

import java.time.Clock;

import org.finres.vault.VaultFreshness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the missed-run check every {@code finres.vault.check-every}; the check itself runs once per business date. */
@Configuration
@EnableScheduling
class FreshnessSchedule implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(FreshnessSchedule.class);

    private final VaultFreshness freshness;
    private final VaultProperties properties;
    private final Clock clock;

    FreshnessSchedule(VaultFreshness freshness, VaultProperties properties, Clock clock) {
        this.freshness = freshness;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!properties.checkEnabled()) {
            return;
        }
        registrar.addFixedDelayTask(() -> {
            try {
                var missed = freshness.checkMissed(clock.instant());
                if (!missed.isEmpty()) {
                    LOG.warn("{} institution(s) missed the vault run of {}", missed.size(),
                            missed.getFirst().businessDate());
                }
            } catch (RuntimeException e) {
                // The next tick tries again: the date is claimed only when the check commits.
                LOG.error("vault missed-run check failed", e);
            }
        }, properties.checkEvery());
    }
}
