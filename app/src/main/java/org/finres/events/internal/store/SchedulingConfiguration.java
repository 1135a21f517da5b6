package org.finres.events.internal.store;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Housekeeping jobs of the event plane run on Spring's scheduler; tests may switch it off. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "finres.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {
}
