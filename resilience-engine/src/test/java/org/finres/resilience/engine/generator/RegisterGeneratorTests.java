package org.finres.resilience.engine.generator;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import org.finres.resilience.engine.Element;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.analysis.FailureSweep;
import org.finres.resilience.engine.analysis.ResilienceAnalysis;
import org.finres.resilience.engine.analysis.ServiceImpact;
import org.finres.resilience.engine.analysis.SinglePointOfFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegisterGeneratorTests {

    @Test
    void findsThePlantedHiddenSinglePointOfFailureInTenThousandNodes() {
        GeneratedRegister g = RegisterGenerator.generate(2026, 10_000);
        assertThat(g.register().elements()).hasSize(10_000);
        FailureSweep sweep = new ResilienceAnalysis(g.register()).sweep();
        assertThat(sweep.results()).hasSize(10_000 - g.register().services().size());
        // Everything else is redundant or recovers within every tolerance: the plant is the only one.
        assertThat(sweep.singlePointsOfFailure()).extracting(SinglePointOfFailure::element)
                .containsExactly(g.plantedSpof());
        SinglePointOfFailure spof = sweep.singlePointsOfFailure().getFirst();
        assertThat(spof.hidden()).isTrue();
        assertThat(spof.layer()).isEqualTo(Layer.NETWORK_CARRIER);
        assertThat(spof.breached()).extracting(ServiceImpact::service).containsExactly(g.serviceAtRisk());
        assertThat(spof.defeatedGroups()).hasSize(2);   // the site pair and the store pair
    }

    @Test
    void findsThePlantAcrossSeedsAndSizes() {
        for (long seed : new long[] {1, 2, 3}) {
            for (int n : new int[] {100, 1_000, 5_000}) {
                GeneratedRegister g = RegisterGenerator.generate(seed, n);
                assertThat(g.register().elements()).hasSize(n);
                assertThat(new ResilienceAnalysis(g.register()).sweep().hidden())
                        .extracting(SinglePointOfFailure::element).as("seed %d, %d nodes", seed, n)
                        .containsExactly(g.plantedSpof());
            }
        }
    }

    @Test
    void isDeterministicAndPopulatesEveryLayer() {
        GeneratedRegister a = RegisterGenerator.generate(5, 3_000);
        assertThat(RegisterGenerator.generate(5, 3_000)).isEqualTo(a);
        assertThat(RegisterGenerator.generate(6, 3_000)).isNotEqualTo(a);
        Map<Layer, Integer> perLayer = new EnumMap<>(Layer.class);
        for (Element e : a.register().elements()) {
            perLayer.merge(e.layer(), 1, Integer::sum);
        }
        assertThat(perLayer.keySet()).containsExactlyInAnyOrder(Layer.values());
        assertThat(Arrays.stream(Layer.values()).mapToInt(perLayer::get).sum()).isEqualTo(3_000);
    }

    @Test
    void refusesTooSmallRegisters() {
        assertThatThrownBy(() -> RegisterGenerator.generate(1, 50)).hasMessageContaining("at least 100");
    }
}
