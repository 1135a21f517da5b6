package org.finres.events.internal.kafka;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.finres.core.Institution;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.events.internal.intake.EventIntake;
import org.finres.events.internal.intake.IntakeGate;
import org.finres.events.internal.intake.IntakeProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The wiring alone, without a broker or a database: off by default, and a bad mapping stops the hub starting. */
class KafkaIntakeConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KafkaIntakeProperties.class)
    static class Properties {
    }

    private final MeterRegistry meters = new SimpleMeterRegistry();

    /** Knows no institution at all; the consumer must fail before it ever talks to a broker. */
    private final Institutions noInstitutions = new Institutions(null, null, null) {
        @Override
        public Optional<Institution> find(InstitutionId id) {
            return Optional.empty();
        }
    };

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, KafkaIntakeConfiguration.class)
            .withBean(MeterRegistry.class, () -> meters)
            .withBean(Institutions.class, () -> noInstitutions)
            .withBean(IntakeGate.class, () -> new IntakeGate(new IntakeProperties(1, 0, Duration.ZERO, 10,
                    DataSize.ofKilobytes(1), false), meters))
            // Never called: the context fails or has no consumer.
            .withBean(EventIntake.class, () -> new EventIntake(null, null, null, null, null, null, null, null, meters, null));

    @Test
    void createsNoConsumerUnlessEnabled() {
        hub.withPropertyValues("finres.events.kafka.topics[soc.a]=bank-a")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaEventConsumer.class));
    }

    @Test
    void aMappingToAMissingInstitutionFailsStartupNamingTheTopicAndTheInstitution() {
        hub.withPropertyValues("finres.events.kafka.enabled=true", "finres.events.kafka.bootstrap-servers=127.0.0.1:1",
                        "finres.events.kafka.topics[soc.orphan]=ghost-bank")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("topic 'soc.orphan' is mapped to institution 'ghost-bank', which does not exist");
                });
    }
}
