package org.finres.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.finres.core.InstitutionId;

/** Registers for the tests: the demo's own registers, renamed to a test institution. */
final class ResilienceFixtures {

    private ResilienceFixtures() {
    }

    /** The demo bank's register (one carrier under both data centres) for {@code institution}. */
    static String demoBank(InstitutionId institution) {
        return demo("taipei-first-bank", institution);
    }

    static String demo(String member, InstitutionId institution) {
        try (InputStream in = ResilienceFixtures.class.getResourceAsStream("/demo/resilience/" + member + ".yml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return yaml.replaceFirst("(?m)^institution: .*$", "institution: " + institution.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small register for bad-input tests; {@code body} replaces the elements section. */
    static String small(InstitutionId institution, String services, String elements) {
        return "format: finres-resilience-register/1\n"
                + "institution: " + institution.value() + "\n"
                + "services:\n" + services
                + "elements:\n" + elements;
    }

    static final String ONE_SERVICE = """
              - id: payments
                tolerance:
                  maxTolerableDowntime: 4h
                  rto: 2h
                  rpo: 5m
                dependsOn: [app-a]
            """;
}
