package org.finres.events.internal.intake;

import java.nio.file.Path;

import org.finres.events.internal.grading.GradingPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The grading policy: the shipped defaults, or the operator's file ({@code finres.events.grading-file}). */
@Configuration(proxyBeanMethods = false)
class GradingConfiguration {

    @Bean
    GradingPolicy gradingPolicy(@Value("${finres.events.grading-file:}") String file) {
        return file.isBlank() ? GradingPolicy.defaults() : GradingPolicy.load(Path.of(file));
    }
}
