package org.finres.resilience.engine.analysis;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.finres.resilience.engine.DemoRegisters;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.format.RegisterReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every analysis on small hand-built graphs whose answers are worked out by hand in the comments. */
class ResilienceAnalysisTests {

    private static ElementId id(String s) {
        return ElementId.of(s);
    }

    private static Register register(String services, String elements) {
        return RegisterReader.read("format: finres-resilience-register/1\ninstitution: bank-a\nservices:\n"
                + services + "elements:\n" + elements);
    }

    /** S -> P (30m) -> A (1h) -> D (3h, RPO 1h) -> X (site, 6h); S tolerates 4h down and 15m of data. */
    private static final Register SERIAL = register("""
              - id: s
                tolerance: {maxTolerableDowntime: 4h, rto: 2h, rpo: 15m}
                dependsOn: [p]
            """, """
              - {id: p, layer: process, rto: 30m, dependsOn: [a]}
              - {id: a, layer: application, rto: 1h, dependsOn: [d]}
              - {id: d, layer: data-store, rto: 3h, rpo: 1h, dependsOn: [x]}
              - {id: x, layer: site, rto: 6h}
            """);

    /**
     * S -> A -> active-passive {D1 primary on X1, D2 standby on X2} (failover 10m, lag 1m); both sites on carrier C
     * (24h). S tolerates 4h down and 5m of data.
     */
    private static final Register REPLICATED = register("""
              - id: s
                tolerance: {maxTolerableDowntime: 4h, rto: 1h, rpo: 5m}
                dependsOn: [a]
            """, """
              - id: a
                layer: application
                rto: 1h
                dependsOn:
                  - {group: db, mode: active-passive, failover: 10m, replicationLag: 1m, members: [d1, d2]}
              - {id: d1, layer: data-store, rto: 2h, rpo: 30m, dependsOn: [x1]}
              - {id: d2, layer: data-store, rto: 2h, rpo: 30m, dependsOn: [x2]}
              - {id: x1, layer: site, rto: 6h, dependsOn: [c]}
              - {id: x2, layer: site, rto: 6h, dependsOn: [c]}
              - {id: c, layer: network-carrier, rto: 24h}
            """);

    private static ServiceImpact impactOn(ScenarioResult r, String service) {
        return r.impacts().stream().filter(i -> i.service().equals(id(service))).findFirst().orElseThrow();
    }

    private static ScenarioResult loss(FailureSweep sweep, String element) {
        return sweep.lossOf(id(element)).orElseThrow();
    }

    @Test
    void serialDependenciesTakeTheLongestRecoveryOnThePath() {
        FailureSweep sweep = new ResilienceAnalysis(SERIAL).sweep();
        assertThat(impactOn(loss(sweep, "p"), "s").downtime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(impactOn(loss(sweep, "a"), "s").downtime()).isEqualTo(Duration.ofHours(1));
        ServiceImpact db = impactOn(loss(sweep, "d"), "s");
        assertThat(db.downtime()).isEqualTo(Duration.ofHours(3));
        assertThat(db.dataLoss()).isEqualTo(Duration.ofHours(1));
        assertThat(db.breaches()).containsExactly(new Breach.DataLoss(Duration.ofMinutes(15), Duration.ofHours(1)));
        ServiceImpact site = impactOn(loss(sweep, "x"), "s");
        assertThat(site.downtime()).isEqualTo(Duration.ofHours(6));
        assertThat(site.breaches()).contains(new Breach.Downtime(Duration.ofHours(4), Duration.ofHours(6)));
        assertThat(((Breach.Downtime) site.breaches().getFirst()).excess()).isEqualTo(Duration.ofHours(2));
        assertThat(site.throughRedundancyOnly()).isFalse();
    }

    @Test
    void effectiveRtoAndRpoAreTheWorstSingleLoss() {
        EffectiveRecovery e = new ResilienceAnalysis(SERIAL).sweep().effectiveRecovery().getFirst();
        assertThat(e.effectiveRto()).isEqualTo(Duration.ofHours(6));
        assertThat(e.rtoSetBy()).contains(id("x"));
        assertThat(e.effectiveRpo()).isEqualTo(Duration.ofHours(1));
        assertThat(e.meetsDeclaredRto()).isFalse();
        assertThat(e.withinTolerance()).isFalse();
        assertThat(e.meetsDeclaredRpo()).isFalse();
    }

    @Test
    void aReplicatedStoreCostsTheFailoverTimeAndTheReplicationLagInsteadOfItsRecovery() {
        FailureSweep sweep = new ResilienceAnalysis(REPLICATED).sweep();
        ServiceImpact primaryLost = impactOn(loss(sweep, "d1"), "s");
        assertThat(primaryLost.downtime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(primaryLost.dataLoss()).isEqualTo(Duration.ofMinutes(1));
        assertThat(primaryLost.breaches()).isEmpty();
        assertThat(impactOn(loss(sweep, "x1"), "s").downtime()).isEqualTo(Duration.ofMinutes(10));
        // Losing the standby costs nothing while the primary serves.
        assertThat(loss(sweep, "d2").impacts()).isEmpty();
        assertThat(loss(sweep, "x2").impacts()).isEmpty();
        EffectiveRecovery e = sweep.effectiveRecovery().getFirst();
        assertThat(e.effectiveRto()).isEqualTo(Duration.ofHours(24));
        assertThat(e.rtoSetBy()).contains(id("c"));
    }

    @Test
    void findsTheHiddenSinglePointOfFailureBeneathTheReplicatedPair() {
        FailureSweep sweep = new ResilienceAnalysis(REPLICATED).sweep();
        assertThat(sweep.singlePointsOfFailure()).extracting(SinglePointOfFailure::element)
                .containsExactly(id("c"));
        SinglePointOfFailure spof = sweep.singlePointsOfFailure().getFirst();
        assertThat(spof.hidden()).isTrue();
        assertThat(spof.layer()).isEqualTo(Layer.NETWORK_CARRIER);
        assertThat(spof.defeatedGroups()).containsExactly(id("db"));
        ServiceImpact s = spof.breached().getFirst();
        // Both members down: back when the first store is, from its recovery point (30m > 5m).
        assertThat(s.downtime()).isEqualTo(Duration.ofHours(24));
        assertThat(s.dataLoss()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.breaches()).containsExactly(new Breach.Downtime(Duration.ofHours(4), Duration.ofHours(24)),
                new Breach.DataLoss(Duration.ofMinutes(5), Duration.ofMinutes(30)));
    }

    @Test
    void aSerialSinglePointOfFailureIsNotHidden() {
        List<SinglePointOfFailure> spofs = new ResilienceAnalysis(SERIAL).sweep().singlePointsOfFailure();
        assertThat(spofs).extracting(SinglePointOfFailure::element).containsExactly(id("x"), id("d"));
        assertThat(spofs).noneMatch(SinglePointOfFailure::hidden);
    }

    @Test
    void findsTheDemoBanksHiddenCarrier() {
        FailureSweep sweep = new ResilienceAnalysis(DemoRegisters.demoBank()).sweep();
        assertThat(sweep.hidden()).extracting(SinglePointOfFailure::element).containsExactly(id("hinet"));
        SinglePointOfFailure hinet = sweep.hidden().getFirst();
        assertThat(hinet.breached()).extracting(ServiceImpact::service).containsExactly(id("retail-payments"));
        Breach.Downtime d = (Breach.Downtime) hinet.breached().getFirst().breaches().getFirst();
        assertThat(d.excess()).isEqualTo(Duration.ofHours(20));
        assertThat(hinet.defeatedGroups()).contains(id("payment-app-pair"), id("payments-db"));
        // One data centre lost: the other carries on at half capacity, which the 50% service level allows.
        ServiceImpact taipei = impactOn(loss(sweep, "dc-taipei"), "retail-payments");
        assertThat(taipei.downtime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(taipei.capacityPercent()).isEqualTo(50);
        assertThat(taipei.breaches()).isEmpty();
        // The cloud provider takes both regions, but 4h is within online banking's 8h.
        ServiceImpact cloud = impactOn(loss(sweep, "acme-cloud"), "online-banking");
        assertThat(cloud.downtime()).isEqualTo(Duration.ofHours(4));
        assertThat(cloud.throughRedundancyOnly()).isTrue();
        assertThat(cloud.breaches()).isEmpty();
    }

    @Test
    void activeActiveLossBelowTheMinimumServiceLevelIsABreach() {
        Register r = register("""
                  - id: s
                    tolerance: {maxTolerableDowntime: 1h, rto: 30m, rpo: 0, minimumServiceLevel: 80%}
                    dependsOn:
                      - {group: web, mode: active-active, failover: 1m, members: [w1, w2, w3, w4]}
                """, """
                  - {id: w1, layer: application, rto: 2h}
                  - {id: w2, layer: application, rto: 2h}
                  - {id: w3, layer: application, rto: 2h}
                  - {id: w4, layer: application, rto: 2h}
                """);
        ServiceImpact one = impactOn(new ResilienceAnalysis(r).evaluate(Scenario.elementLost(id("w1"))), "s");
        assertThat(one.downtime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(one.capacityPercent()).isEqualTo(75);
        assertThat(one.breaches()).containsExactly(new Breach.ServiceLevel(80, 75));
        assertThat(((Breach.ServiceLevel) one.breaches().getFirst()).shortfallPercent()).isEqualTo(5);
    }

    @Test
    void ransomwareInALayerTakesTheReplicasTooAndRestoresFromBackups() {
        ScenarioResult r = new ResilienceAnalysis(REPLICATED).evaluate(Scenario.ransomware(Layer.DATA_STORE));
        assertThat(r.failed()).containsExactlyInAnyOrder(id("d1"), id("d2"));
        assertThat(r.defeatedGroups()).containsExactly(id("db"));
        ServiceImpact s = impactOn(r, "s");
        assertThat(s.downtime()).isEqualTo(Duration.ofHours(2));      // the first store rebuilt
        assertThat(s.dataLoss()).isEqualTo(Duration.ofMinutes(30));   // replication copied the encryption: backup
        assertThat(s.breaches()).containsExactly(new Breach.DataLoss(Duration.ofMinutes(5), Duration.ofMinutes(30)));
    }

    @Test
    void regionLossPlusSupplierOutageCombineAndTakeTheLonger() {
        Register r = register("""
                  - id: s
                    tolerance: {maxTolerableDowntime: 4h, rto: 2h, rpo: 5m}
                    dependsOn: [a]
                """, """
                  - id: a
                    layer: application
                    rto: 1h
                    dependsOn:
                      - {group: zones, mode: active-active, failover: 5m, members: [z1, z2]}
                      - vendor
                  - {id: z1, layer: availability-zone, rto: 1h, dependsOn: [east]}
                  - {id: z2, layer: availability-zone, rto: 1h, dependsOn: [west]}
                  - {id: east, layer: region, rto: 5h}
                  - {id: west, layer: region, rto: 5h}
                  - {id: vendor, layer: supplier, rto: 3h}
                """);
        ResilienceAnalysis analysis = new ResilienceAnalysis(r);
        assertThat(analysis.sweep().singlePointsOfFailure()).isEmpty();
        ScenarioResult both = analysis.evaluate(Scenario.regionAndSupplier(id("east"), id("vendor")));
        assertThat(impactOn(both, "s").downtime()).isEqualTo(Duration.ofHours(3));
        assertThat(impactOn(both, "s").breaches()).isEmpty();
        ScenarioResult regions = analysis.evaluate(new Scenario.Combined("both regions",
                List.of(Scenario.elementLost(id("east")), Scenario.elementLost(id("west")))));
        assertThat(impactOn(regions, "s").downtime()).isEqualTo(Duration.ofHours(5));
        assertThat(impactOn(regions, "s").breaches()).hasSize(1);
        assertThat(analysis.wholeLayerSweep()).extracting(ScenarioResult::scenario)
                .containsExactly("loss of every application", "loss of every availability-zone",
                        "loss of every region", "loss of every supplier");
    }

    @Test
    void restoresTheServiceWithLeastHeadroomFirstAndDependenciesBeforeDependents() {
        Register r = register("""
                  - id: cards
                    tolerance: {maxTolerableDowntime: 24h, rto: 8h, rpo: 1h}
                    dependsOn: [cards-app]
                  - id: payments
                    tolerance: {maxTolerableDowntime: 2h, rto: 1h, rpo: 5m}
                    dependsOn: [pay-app]
                """, """
                  - {id: cards-app, layer: application, rto: 1h, dependsOn: [cards-db, dc]}
                  - {id: pay-app, layer: application, rto: 2h, dependsOn: [pay-db]}
                  - {id: cards-db, layer: data-store, rto: 3h, rpo: 15m, dependsOn: [dc]}
                  - {id: pay-db, layer: data-store, rto: 2h, rpo: 1m, dependsOn: [dc]}
                  - {id: dc, layer: site, rto: 4h}
                  - {id: spare, layer: application, rto: 1h, dependsOn: [dc]}
                """);
        RestorationPlan plan = new ResilienceAnalysis(r).restorationOrder(new Scenario.ElementsLost("fire",
                Set.of(id("dc"), id("pay-db"), id("cards-app"), id("spare"))));
        assertThat(plan.services()).extracting(RestorationPlan.ServicePriority::service)
                .containsExactly(id("payments"), id("cards"));
        assertThat(plan.services().getFirst().headroom()).isEqualTo(Duration.ofHours(-2));
        assertThat(plan.services().get(1).headroom()).isEqualTo(Duration.ofHours(20));
        assertThat(plan.steps()).extracting(RestorationPlan.Step::element)
                .containsExactly(id("dc"), id("pay-db"), id("cards-app"), id("spare"));
        assertThat(plan.steps().getFirst().forServices()).containsExactly(id("payments"), id("cards"));
        assertThat(plan.steps().getLast().forServices()).isEmpty();   // restores nothing a service waits for
    }

    @Test
    void restorationSkipsAStandbyTheServiceFailedOverFrom() {
        RestorationPlan plan = new ResilienceAnalysis(REPLICATED).restorationOrder(
                new Scenario.ElementsLost("primary", Set.of(id("d1"))));
        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.element()).isEqualTo(id("d1"));
            assertThat(s.forServices()).isEmpty();
        });
        RestorationPlan carrier = new ResilienceAnalysis(REPLICATED).restorationOrder(
                Scenario.elementLost(id("c")));
        assertThat(carrier.steps()).extracting(RestorationPlan.Step::element).containsExactly(id("c"));
        assertThat(carrier.steps().getFirst().forServices()).containsExactly(id("s"));
    }

    @Test
    void refusesScenariosThatNameUnknownElementsOrServices() {
        ResilienceAnalysis a = new ResilienceAnalysis(SERIAL);
        assertThatThrownBy(() -> a.evaluate(Scenario.elementLost(id("nowhere"))))
                .hasMessageContaining("no element 'nowhere'");
        assertThatThrownBy(() -> a.evaluate(Scenario.elementLost(id("s")))).hasMessageContaining("is a service");
    }

    @Test
    void theBaselineTraversalVisitsEveryReachableNodeOnce() {
        DependencyGraph g = new ResilienceAnalysis(REPLICATED).graph();
        assertThat(g.traverseOnce()).isEqualTo(7);
        assertThat(g.size()).isEqualTo(7);
        assertThat(g.edges()).isEqualTo(7);
    }
}
