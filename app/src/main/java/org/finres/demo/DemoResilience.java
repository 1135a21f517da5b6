package org.finres.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import org.finres.core.Actor;
import org.finres.core.ApiTokens;
import org.finres.core.InstitutionId;
import org.finres.core.IssuedToken;
import org.finres.core.TokenScope;
import org.finres.resilience.OperationKind;
import org.finres.resilience.RegisterFormat;
import org.finres.resilience.ResilienceOperations;
import org.finres.resilience.ResilienceRegisters;
import org.finres.resilience.ScenarioSpec;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Imports a resilience register for every demo member through the same service an upload uses. Taipei First
 * Commercial Bank's looks redundant but runs both data centres over one carrier (a hidden single point of failure
 * the sweep finds); the others share that carrier, ACME Cloud's east region and Core Systems Ltd in varying ways, so
 * the regulator's concentration page shows real overlaps. The bank also gets an open drill of losing its carrier
 * for the command view. Runs once per data folder.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "finres.demo.enabled", havingValue = "true")
class DemoResilience implements ApplicationRunner {

    private static final Actor.SystemProcess DEMO = new Actor.SystemProcess("demo");
    static final String DEMO_BANK = "taipei-first-bank";

    private final ApiTokens tokens;
    private final ResilienceRegisters registers;
    private final ResilienceOperations operations;

    DemoResilience(ApiTokens tokens, ResilienceRegisters registers, ResilienceOperations operations) {
        this.tokens = tokens;
        this.registers = registers;
        this.operations = operations;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (registers.find(DEMO, InstitutionId.of(DEMO_BANK)).isPresent()) {
            return;
        }
        for (DemoSector.Member m : DemoSector.MEMBERS) {
            InstitutionId id = InstitutionId.of(m.id());
            IssuedToken issued = tokens.issue(DEMO, new ApiTokens.Draft(id, "demo resilience register",
                    Set.of(TokenScope.ADMIN), Duration.ofHours(1)));
            try {
                Actor admin = new Actor.Token(issued.token().id(), issued.token().name(), id, m.kind(),
                        issued.token().scopes());
                registers.upload(admin, resource(m.id()), RegisterFormat.YAML);
                if (m.id().equals(DEMO_BANK)) {
                    operations.open(admin, OperationKind.DRILL, "HiNet outage drill",
                            new ScenarioSpec.ElementsLost(java.util.List.of("hinet")));
                }
            } finally {
                tokens.revoke(DEMO, issued.token().id());
            }
        }
        System.out.println("Demo resilience: a register per member imported (Taipei First Commercial Bank hides a "
                + "single point of failure: one carrier under both data centres).");
    }

    private static String resource(String member) {
        try (InputStream in = DemoResilience.class.getResourceAsStream("/demo/resilience/" + member + ".yml")) {
            if (in == null) {
                throw new IllegalStateException("demo register for " + member + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
