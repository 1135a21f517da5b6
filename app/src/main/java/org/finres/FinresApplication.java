package org.finres;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The FinRes hub: a modular monolith whose application modules are the direct sub-packages of
 * {@code org.finres}. The CLI starts it through {@link #start(String...)}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FinresApplication {

    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(FinresApplication.class, args);
    }

    public static void main(String[] args) {
        start(args);
    }
}
