package org.finres.warning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param remindAfter   a recipient that has not acknowledged by then is reminded
 * @param escalateAfter a recipient that has not acknowledged by then is escalated (its admins and the hub are told);
 *                      a warning may set its own
 * @param sweepInterval how often reminders and escalations are looked for
 * @param deliveryInterval how often queued notices are sent
 * @param maxAttempts   a notice that fails this many times is given up (and listed as failed)
 * @param retryBackoff  the wait after a notice's first failure; it doubles after each next one, up to an hour
 * @param hubUrl        the hub's address as members reach it, for the links in notices
 * @param mailFrom      the sender of warning e-mails
 */
@ConfigurationProperties("finres.warnings")
public record WarningProperties(@DefaultValue("PT4H") Duration remindAfter, @DefaultValue("PT24H") Duration escalateAfter,
                                @DefaultValue("PT1M") Duration sweepInterval,
                                @DefaultValue("PT5S") Duration deliveryInterval, @DefaultValue("8") int maxAttempts,
                                @DefaultValue("PT30S") Duration retryBackoff,
                                @DefaultValue("http://localhost:8080") String hubUrl,
                                @DefaultValue("finres-warnings@localhost") String mailFrom) {
}
