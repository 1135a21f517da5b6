package org.finres.detection.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.finres.sigma.correlation.CorrelationSettings;
import org.finres.sigma.mapping.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Holds the engine built from the catalogue's enabled documents and rebuilds it when the catalogue changes,
 * carrying the correlation windows over to the new build. The worker owns the engine; the catalogue reads the
 * health of the last build and asks for rebuilds.
 */
@Component
public class DetectionEngines {

    private static final Logger log = LoggerFactory.getLogger(DetectionEngines.class);

    private final RuleStore rules;
    private final DetectionProperties properties;
    private final Pipeline pipeline;
    private final AtomicBoolean rebuildRequested = new AtomicBoolean(true);
    private volatile Map<UUID, DetectionEngine.Health> health = Map.of();
    private volatile int loadedRules;
    private DetectionEngine current;

    public DetectionEngines(RuleStore rules, DetectionProperties properties) {
        this.rules = rules;
        this.properties = properties;
        this.pipeline = hubPipeline();
    }

    /** The Windows pipeline of finres-sigma plus the hub's OCSF and detection-fact entries. */
    public static Pipeline hubPipeline() {
        Pipeline windows = Pipeline.windows();
        Pipeline ours;
        try (InputStream in = DetectionEngines.class.getResourceAsStream("/detection/pipeline.yml")) {
            if (in == null) {
                throw new IllegalStateException("detection/pipeline.yml is missing from the class path");
            }
            ours = Pipeline.parse("detection/pipeline.yml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<org.finres.sigma.mapping.LogSourceMapping> entries = new ArrayList<>(windows.logsources());
        entries.addAll(ours.logsources());
        Map<String, List<String>> fields = new HashMap<>(windows.fields());
        fields.putAll(ours.fields());
        return new Pipeline("finres", entries, fields, windows.placeholders(), windows.indexFields(),
                Pipeline.Unmapped.NONE);
    }

    public void requestRebuild() {
        rebuildRequested.set(true);
    }

    public boolean rebuildPending() {
        return rebuildRequested.get();
    }

    /** Called by the worker only: the engine to use, rebuilt first when the catalogue changed. */
    DetectionEngine engine() {
        if (rebuildRequested.getAndSet(false) || current == null) {
            rebuild();
        }
        return current;
    }

    private void rebuild() {
        long start = System.nanoTime();
        List<RuleStore.StoredRule> enabled = rules.enabled();
        DetectionEngine next = DetectionEngine.build(enabled, pipeline,
                new CorrelationSettings(properties.lateness(), properties.maxGroups(), 10_000));
        if (current != null) {
            next.importState(current.exportState());
        }
        current = next;
        health = Map.copyOf(next.health());
        loadedRules = next.loadedRules();
        log.info("detection engine built: {} documents enabled, {} rules compiled, in {} ms", enabled.size(),
                next.loadedRules(), (System.nanoTime() - start) / 1_000_000);
    }

    /** A build of the same documents without any state, for re-checking events whose windows are restored. */
    DetectionEngine scratch() {
        return DetectionEngine.build(rules.enabled(), pipeline,
                new CorrelationSettings(properties.lateness(), properties.maxGroups(), 10_000));
    }

    /** Restores saved correlation windows into the current engine (at start). */
    int restore(String state) {
        return engine().importState(state);
    }

    public Map<UUID, DetectionEngine.Health> health() {
        return health;
    }

    public int loadedRules() {
        return loadedRules;
    }
}
