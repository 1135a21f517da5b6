package org.finres.events.internal.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the event intake.
 *
 * @param concurrentBatches batches decoded and committed at the same time; more wait for a place
 * @param waitingBatches    batches that may wait for a place; beyond that, requests are refused at once (429)
 * @param admissionWait     how long a batch waits for a place before it is refused (429 with Retry-After)
 * @param maxBatchEvents    events in one request
 * @param maxBody           bytes in one request, after decompression
 * @param keepRaw           whether the raw input is stored beside the OCSF event
 */
@ConfigurationProperties("finres.events.intake")
public record IntakeProperties(@DefaultValue("4") int concurrentBatches,
                               @DefaultValue("16") int waitingBatches,
                               @DefaultValue("2s") Duration admissionWait,
                               @DefaultValue("20000") int maxBatchEvents,
                               @DefaultValue("32MB") DataSize maxBody,
                               @DefaultValue("true") boolean keepRaw) {
}
