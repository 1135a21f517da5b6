package org.finres.events.internal.kafka;

import java.time.Duration;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaIntakePropertiesTests {

    @Test
    void isOffByDefault() {
        KafkaIntakeProperties properties = bind(Map.of());

        assertThat(properties.enabled()).isFalse();
        assertThat(properties.groupId()).isEqualTo("finres-events");
        assertThat(properties.maxPollRecords()).isEqualTo(500);
        assertThat(properties.pollTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.retryPause()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.topics()).isEmpty();
    }

    @Test
    void bindsTopicNamesWithDotsAndCapitalsAndClientPropertiesAsGiven() {
        KafkaIntakeProperties properties = bind(Map.of(
                "finres.events.kafka.enabled", "true",
                "finres.events.kafka.topics[soc.Bank-A]", "bank-a",
                "finres.events.kafka.properties.security.protocol", "SASL_SSL",
                "finres.events.kafka.properties.sasl.mechanism", "SCRAM-SHA-512"));

        assertThat(properties.institutionsByTopic()).containsExactly(Map.entry("soc.Bank-A", InstitutionId.of("bank-a")));
        assertThat(properties.properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void refusesToBeEnabledWithoutAnyTopic() {
        assertThatThrownBy(() -> bind(Map.of("finres.events.kafka.enabled", "true")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("maps no topic");
    }

    @Test
    void aMalformedInstitutionIdNamesItsTopic() {
        KafkaIntakeProperties properties = bind(Map.of("finres.events.kafka.topics[soc.a]", "Not An Id"));

        assertThatThrownBy(properties::institutionsByTopic).hasMessageContaining("finres.events.kafka.topics[soc.a]");
    }

    private static KafkaIntakeProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("finres.events.kafka", KafkaIntakeProperties.class);
    }
}
