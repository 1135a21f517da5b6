package org.finres.resilience.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.analysis.FailureSweep;
import org.finres.resilience.engine.analysis.ResilienceAnalysis;
import org.finres.resilience.engine.analysis.ScenarioResult;
import org.springframework.stereotype.Component;

/**
 * Compiled analyses of the register versions read recently. A version never changes once stored, so its analysis is
 * computed once and kept; the bound keeps memory flat however many institutions and versions the hub holds.
 */
@Component
public class CompiledAnalyses {

    private static final int KEPT = 64;

    /** A register's compiled graph with its all-elements sweep and whole-layer sweep. */
    public record Compiled(ResilienceAnalysis analysis, FailureSweep sweep, List<ScenarioResult> wholeLayers) {
    }

    private final Map<String, Compiled> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
            return size() > KEPT;
        }
    };

    /** Compiles and sweeps without keeping the result. */
    public static Compiled compute(Register register) {
        ResilienceAnalysis analysis = new ResilienceAnalysis(register);
        return new Compiled(analysis, analysis.sweep(), analysis.wholeLayerSweep());
    }

    public Compiled of(String institution, int version, Register register) {
        String key = institution + "/" + version;
        synchronized (kept) {
            Compiled c = kept.get(key);
            if (c != null) {
                return c;
            }
        }
        // Computed outside the lock: two requests may both compute a fresh version once, which costs less than
        // making every reader wait on one sweep.
        Compiled c = compute(register);
        synchronized (kept) {
            kept.put(key, c);
        }
        return c;
    }
}
