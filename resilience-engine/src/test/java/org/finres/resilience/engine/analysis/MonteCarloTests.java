package org.finres.resilience.engine.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.finres.resilience.engine.DemoRegisters;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.format.RegisterReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MonteCarloTests {

    /** A service on one application that fails with probability p and recovers in exactly 6h; tolerance 4h. */
    private static Register oneApp(double p) {
        return RegisterReader.read("""
                format: finres-resilience-register/1
                institution: bank-a
                services:
                  - id: s
                    tolerance: {maxTolerableDowntime: 4h, rto: 2h, rpo: 0}
                    dependsOn: [a]
                elements:
                  - id: a
                    layer: application
                    rto: 1h
                    failure: {probability: %s, recovery: {distribution: fixed, time: 6h}}
                """.formatted(p));
    }

    @Test
    void anElementThatAlwaysFailsBreachesInEveryTrial() {
        MonteCarloResult r = new ResilienceAnalysis(oneApp(1.0)).monteCarlo(new MonteCarloOptions(200, 1, 0),
                MonteCarloProgress.NONE);
        MonteCarloResult.ServiceOutlook s = r.services().getFirst();
        assertThat(s.p50()).isEqualTo(Duration.ofHours(6));
        assertThat(s.p99()).isEqualTo(Duration.ofHours(6));
        assertThat(s.breachProbability()).isEqualTo(1.0);
        assertThat(s.outageProbability()).isEqualTo(1.0);
    }

    @Test
    void breachProbabilityConvergesOnTheFailureProbability() {
        MonteCarloResult.ServiceOutlook s = new ResilienceAnalysis(oneApp(0.2)).monteCarlo(
                new MonteCarloOptions(20_000, 42, 0), MonteCarloProgress.NONE).services().getFirst();
        assertThat(s.breachProbability()).isCloseTo(0.2, within(0.015));
        assertThat(s.p50()).isZero();
        assertThat(s.p90()).isEqualTo(Duration.ofHours(6));
        assertThat(s.mean().toMinutes()).isCloseTo(72, within(6L));   // 0.2 x 6h
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedAnother() {
        ResilienceAnalysis a = new ResilienceAnalysis(DemoRegisters.demoBank());
        MonteCarloResult one = a.monteCarlo(new MonteCarloOptions(3_000, 7, 0.05), MonteCarloProgress.NONE);
        MonteCarloResult two = a.monteCarlo(new MonteCarloOptions(3_000, 7, 0.05), MonteCarloProgress.NONE);
        MonteCarloResult other = a.monteCarlo(new MonteCarloOptions(3_000, 8, 0.05), MonteCarloProgress.NONE);
        assertThat(two).isEqualTo(one);
        assertThat(other.services()).isNotEqualTo(one.services());
        MonteCarloResult.ServiceOutlook payments = one.services().stream()
                .filter(s -> s.service().equals(ElementId.of("retail-payments"))).findFirst().orElseThrow();
        // The carrier (5%) alone breaches payments; other combinations add a little.
        assertThat(payments.breachProbability()).isBetween(0.03, 0.12);
        assertThat(payments.max()).isGreaterThan(Duration.ofHours(12));
    }

    @Test
    void reportsProgressAndEndsWithTheTotal() {
        List<int[]> calls = new ArrayList<>();
        new ResilienceAnalysis(oneApp(0.5)).monteCarlo(new MonteCarloOptions(1_000, 3, 0),
                (done, total) -> calls.add(new int[] {done, total}));
        assertThat(calls).hasSize(100);
        assertThat(calls.getLast()).containsExactly(1_000, 1_000);
        assertThat(calls).extracting(c -> c[0]).isSorted();
    }

    @Test
    void anInterruptedRunIsCancelled() {
        ResilienceAnalysis a = new ResilienceAnalysis(oneApp(0.5));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> a.monteCarlo(new MonteCarloOptions(1_000, 3, 0), MonteCarloProgress.NONE))
                    .isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesNonsenseOptions() {
        assertThatThrownBy(() -> new MonteCarloOptions(0, 1, 0.1)).hasMessageContaining("trials");
        assertThatThrownBy(() -> new MonteCarloOptions(10, 1, 1.5)).hasMessageContaining("probability");
    }
}
