package org.finres.detection.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Detection settings ({@code finres.detection.*}).
 *
 * @param enabled            evaluate the event stream at all
 * @param queueBatches       committed batches waiting for the worker; beyond, it catches up from the store
 * @param queueEvents        events in those batches at most (the batches carry their raw input)
 * @param suppression        a repeat hit within this time of an open alert's last hit is merged into it
 * @param sectorSuppression  the same for sector alerts: one campaign makes one sector alert
 * @param lateness           how far behind the newest event an event may arrive and still count in correlations
 * @param maxGroups          correlation groups kept per correlation rule (least recently used dropped first)
 * @param evidencePerAlert   events kept as evidence of one alert
 * @param replayMargin       how far before its checkpoint the worker re-reads after a restart (batches commit
 *                           out of receipt order; alerts are idempotent, so re-reading is harmless)
 * @param stateEvery         how often correlation state and the checkpoint are saved
 * @param factRetention      how long detection facts are kept for sector rules
 * @param builtInRules       load the shipped sector correlations at start
 * @param maxUpload          largest rule upload (YAML or zip) or indicator list
 */
@ConfigurationProperties("finres.detection")
public record DetectionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("64") int queueBatches,
        @DefaultValue("100000") int queueEvents,
        @DefaultValue("15m") Duration suppression,
        @DefaultValue("24h") Duration sectorSuppression,
        @DefaultValue("5m") Duration lateness,
        @DefaultValue("100000") int maxGroups,
        @DefaultValue("50") int evidencePerAlert,
        @DefaultValue("2m") Duration replayMargin,
        @DefaultValue("30s") Duration stateEvery,
        @DefaultValue("7d") Duration factRetention,
        @DefaultValue("true") boolean builtInRules,
        @DefaultValue("64MB") org.springframework.util.unit.DataSize maxUpload) {
}
