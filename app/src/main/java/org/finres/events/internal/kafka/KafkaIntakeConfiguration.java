package org.finres.events.internal.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import org.finres.core.Institutions;
import org.finres.events.internal.intake.EventIntake;
import org.finres.events.internal.intake.IntakeGate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kafka consumer, only when {@code finres.events.kafka.enabled=true}: a one-machine hub needs no broker. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "finres.events.kafka.enabled", havingValue = "true")
class KafkaIntakeConfiguration {

    static final String TRANSPORT = "kafka";

    @Bean
    KafkaEventConsumer kafkaEventConsumer(KafkaIntakeProperties properties, Institutions institutions, IntakeGate gate,
                                          EventIntake intake, MeterRegistry meters) {
        return new KafkaEventConsumer(properties, institutions, gate,
                (institution, records) -> intake.accept(institution, TRANSPORT, records), meters);
    }
}
