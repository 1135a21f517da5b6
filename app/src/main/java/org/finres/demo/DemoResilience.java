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
import org.finres.resilience.ResilienceDrills;
import org.finres.resilience.ResilienceOperations;
import org.finres.resilience.ResilienceRegisters;
import org.finres.resilience.ScenarioSpec;
import org.finres.resilience.drill.evidence.Breach;
import org.finres.resilience.drill.evidence.DrillEvidence;
import org.finres.resilience.drill.evidence.DrillOutcome;
import org.finres.resilience.drill.evidence.EntryKind;
import org.finres.resilience.drill.evidence.EvidenceContent;
import org.finres.resilience.drill.evidence.Measurements;
import org.finres.resilience.drill.evidence.ProbeSummary;
import org.finres.resilience.drill.evidence.Timeline;
import org.finres.resilience.drill.evidence.Tolerances;
import org.finres.resilience.drill.evidence.WorkloadSummary;
import org.finres.vault.AttestationLedger;
import org.finres.vault.engine.signing.SigningKeyPair;
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
 * for the command view and three signed failover drills over the last months (the newest one failed), signed with a
 * key it registers like a drill runner's. Runs once per data folder.
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
    private final ResilienceDrills drills;
    private final AttestationLedger ledger;
    private final java.time.Clock clock;

    DemoResilience(ApiTokens tokens, ResilienceRegisters registers, ResilienceOperations operations,
                   ResilienceDrills drills, AttestationLedger ledger, java.time.Clock clock) {
        this.tokens = tokens;
        this.registers = registers;
        this.operations = operations;
        this.drills = drills;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (registers.find(DEMO, InstitutionId.of(DEMO_BANK)).isPresent()) {
            return;
        }
        for (DemoSector.Member m : DemoSector.MEMBERS) {
            InstitutionId id = InstitutionId.of(m.id());
            IssuedToken issued = tokens.issue(DEMO, new ApiTokens.Draft(id, "demo resilience register",
                    Set.of(TokenScope.ADMIN, TokenScope.RESILIENCE_WRITE), Duration.ofHours(1)));
            try {
                Actor admin = new Actor.Token(issued.token().id(), issued.token().name(), id, m.kind(),
                        issued.token().scopes());
                registers.upload(admin, resource(m.id()), RegisterFormat.YAML);
                if (m.id().equals(DEMO_BANK)) {
                    operations.open(admin, OperationKind.DRILL, "HiNet outage drill",
                            new ScenarioSpec.ElementsLost(java.util.List.of("hinet")));
                    seedDrills(admin, id);
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

    private void seedDrills(Actor runner, InstitutionId bank) {
        SigningKeyPair key = SigningKeyPair.generate(false);
        ledger.registerKey(runner, key.publicKey().encode());
        java.time.Instant now = clock.instant();
        submit(runner, bank, key, "retail-payments", now.minus(Duration.ofDays(150)), Duration.ofMinutes(3), 0,
                new DrillOutcome.Passed());
        submit(runner, bank, key, "retail-payments", now.minus(Duration.ofDays(60)), Duration.ofSeconds(150), 0,
                new DrillOutcome.Passed());
        submit(runner, bank, key, "online-banking", now.minus(Duration.ofDays(7)), Duration.ofHours(9), 2,
                new DrillOutcome.Failed(java.util.List.of(new Breach("maxTolerableDowntime",
                        "recovered after 9h, tolerance 8h"), new Breach("transfersLost", "2 acknowledged transfers lost"))));
    }

    private void submit(Actor runner, InstitutionId bank, SigningKeyPair key, String service, java.time.Instant start,
                        Duration recovery, int lost, DrillOutcome outcome) {
        Timeline t = new Timeline(java.time.Clock.fixed(start, java.time.ZoneOffset.UTC));
        t.append(EntryKind.PHASE, "steady-state check");
        t.append(EntryKind.PROBE, service + " health up: HTTP 200");
        t.append(EntryKind.FAULT, "primary data centre isolated");
        t.append(EntryKind.PROBE, service + " health down: HTTP 503");
        t.append(EntryKind.PROBE, service + " health up: HTTP 200");
        t.append(EntryKind.WORKLOAD, "acknowledged 500, lost " + lost);
        java.util.List<String> lostIds = java.util.stream.IntStream.range(0, lost).mapToObj(i -> "t-" + (4711 + i))
                .toList();
        EvidenceContent content = new EvidenceContent(service + " failover", "cd".repeat(32), bank.value(),
                java.util.List.of(service), new Tolerances(Duration.ofHours(4), Duration.ofHours(2), Duration.ZERO),
                start, start.plus(recovery).plusSeconds(60), t.entries(),
                java.util.List.of(new ProbeSummary(service + "-health", 200, 12)),
                new Measurements(Duration.ofSeconds(4), recovery.minusSeconds(30), recovery,
                        lost == 0 ? Duration.ZERO : Duration.ofSeconds(2)), outcome,
                new WorkloadSummary(500, 500 - lost, lostIds));
        drills.submit(runner, DrillEvidence.sign(content, key).toJson());
    }
}
