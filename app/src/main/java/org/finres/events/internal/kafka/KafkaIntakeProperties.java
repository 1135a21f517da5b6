package org.finres.events.internal.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka consumer of security events, off by default.
 *
 * @param enabled          whether the hub consumes events from Kafka at all
 * @param bootstrapServers the brokers, {@code host:port[,host:port...]}
 * @param groupId          the consumer group; hub instances sharing it share the partitions (scale-out)
 * @param topics           topic name to the institution that owns it. The institution is never read from the payload:
 *                         the broker's ACLs decide who may write each topic. Use brackets for names with dots or
 *                         capitals: {@code finres.events.kafka.topics[soc.Bank-A]=bank-a}
 * @param maxPollRecords   records fetched by one poll at most, hence the largest batch handed to the intake
 * @param pollTimeout      how long one poll waits for records
 * @param retryPause       the pause before a batch the intake failed on is read again
 * @param shutdownTimeout  how long a stop waits for the batch in progress before interrupting it
 * @param properties       further Kafka consumer properties (security, TLS, SASL, fetch sizes...), passed as given;
 *                         offset auto-commit and the deserializers are ours and cannot be overridden
 */
@ConfigurationProperties("finres.events.kafka")
public record KafkaIntakeProperties(@DefaultValue("false") boolean enabled,
                                    @DefaultValue("localhost:9092") String bootstrapServers,
                                    @DefaultValue("finres-events") String groupId,
                                    Map<String, String> topics,
                                    @DefaultValue("500") int maxPollRecords,
                                    @DefaultValue("1s") Duration pollTimeout,
                                    @DefaultValue("5s") Duration retryPause,
                                    @DefaultValue("30s") Duration shutdownTimeout,
                                    Map<String, String> properties) {

    public KafkaIntakeProperties {
        topics = topics == null ? Map.of() : Map.copyOf(topics);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("finres.events.kafka.max-poll-records must be at least 1");
        }
        if (enabled && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("finres.events.kafka.bootstrap-servers is required when the Kafka intake is enabled");
        }
        if (enabled && topics.isEmpty()) {
            throw new IllegalArgumentException("finres.events.kafka.enabled is true but finres.events.kafka.topics maps no "
                    + "topic to an institution");
        }
    }

    /** Each topic's institution; an id of the wrong shape fails here, naming its topic. */
    public Map<String, InstitutionId> institutionsByTopic() {
        Map<String, InstitutionId> byTopic = new LinkedHashMap<>();
        topics.forEach((topic, institution) -> {
            try {
                byTopic.put(topic, InstitutionId.of(institution));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("finres.events.kafka.topics[" + topic + "]: " + e.getMessage(), e);
            }
        });
        return byTopic;
    }
}
