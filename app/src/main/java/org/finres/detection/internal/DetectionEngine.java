package org.finres.detection.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.detection.RuleScope;
import org.finres.sigma.LoadReport;
import org.finres.sigma.Match;
import org.finres.sigma.SigmaEngine;
import org.finres.sigma.correlation.CorrelationSettings;
import org.finres.sigma.event.EventView;
import org.finres.sigma.mapping.Pipeline;
import org.finres.sigma.rule.RuleParser;
import org.finres.sigma.rule.SigmaDocument;
import org.finres.sigma.rule.SigmaRuleException;

/**
 * One build of the catalogue's enabled documents into a single Sigma engine for the whole sector. Every document
 * is handed to the engine under its catalogue id, so that load problems map back to the document; scope is
 * enforced by {@link RuleTransform} and by {@link #hits}. Not thread-safe: only the detection worker uses it.
 */
public final class DetectionEngine {

    /** What the catalogue knows of a document the engine loaded. */
    public record RuleMeta(UUID id, String key, RuleScope scope, InstitutionId institution, String title,
                           String level, SigmaDocument document) {
    }

    /** A match of the engine with the catalogue document that produced it. */
    public record Hit(RuleMeta rule, Match match) {
    }

    /** How the engine took one document. */
    public record Health(String status, String problem) {
    }

    private final SigmaEngine engine;
    private final Map<String, RuleMeta> byLabel;
    private final Map<UUID, Health> health;

    private DetectionEngine(SigmaEngine engine, Map<String, RuleMeta> byLabel, Map<UUID, Health> health) {
        this.engine = engine;
        this.byLabel = byLabel;
        this.health = health;
    }

    public static DetectionEngine build(List<RuleStore.StoredRule> enabled, Pipeline pipeline,
                                        CorrelationSettings settings) {
        SigmaEngine.Builder builder = SigmaEngine.builder().pipeline(pipeline).correlationSettings(settings);
        Map<String, RuleMeta> byLabel = new HashMap<>();
        Map<UUID, Health> health = new HashMap<>();
        for (RuleStore.StoredRule r : enabled) {
            SigmaDocument doc;
            try {
                doc = RuleParser.parse(r.id().toString(), r.yaml()).getFirst();
            } catch (SigmaRuleException e) {
                health.put(r.id(), new Health("failed", e.reason()));
                continue;
            }
            String text;
            try {
                text = RuleTransform.forEngine(r.yaml(), r.scope(), r.institution());
            } catch (RuntimeException e) {
                health.put(r.id(), new Health("failed", "cannot be scoped: " + e.getMessage()));
                continue;
            }
            byLabel.put(doc.label(), new RuleMeta(r.id(), r.key(), r.scope(), r.institution(), r.title(), r.level(), doc));
            builder.ruleText(r.id().toString(), text);
        }
        SigmaEngine engine = builder.build();
        LoadReport report = engine.report();
        for (LoadReport.Loaded l : report.loaded()) {
            UUID id = idOf(l.source());
            if (id != null) {
                health.putIfAbsent(id, l.active() ? new Health("loaded", null)
                        : new Health("inactive", "no event source the pipelines know matches its log source"));
            }
        }
        for (LoadReport.Problem p : report.failed()) {
            UUID id = idOf(p.source());
            if (id != null) {
                health.put(id, new Health("failed", problemText(p)));
            }
        }
        for (LoadReport.Problem p : report.unsupported()) {
            UUID id = idOf(p.source());
            if (id != null) {
                health.put(id, new Health("unsupported", problemText(p)));
            }
        }
        return new DetectionEngine(engine, byLabel, health);
    }

    private static String problemText(LoadReport.Problem p) {
        return (p.line() > 0 ? "line " + p.line() + (p.column() > 0 ? ":" + p.column() : "") + ": " : "") + p.reason();
    }

    private static UUID idOf(String source) {
        try {
            return UUID.fromString(source);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public Map<UUID, Health> health() {
        return health;
    }

    public int loadedRules() {
        return engine.rules().size();
    }

    /** Evaluates one event; {@code input} is the institution, {@code sequence} the worker's running number. */
    public List<Hit> evaluate(EventView event, String input, long sequence) {
        return hits(engine.evaluate(event, input, sequence));
    }

    public List<Hit> flush() {
        return hits(engine.flush());
    }

    public String exportState() {
        return engine.exportState();
    }

    public int importState(String json) {
        return engine.importState(json);
    }

    /**
     * Matches mapped to their documents. An institution's correlation also fires for other institutions' groups
     * when it reads hub rules; those hits are dropped here (its group-by always holds the institution).
     */
    private List<Hit> hits(List<Match> matches) {
        if (matches.isEmpty()) {
            return List.of();
        }
        List<Hit> out = new ArrayList<>(matches.size());
        for (Match m : matches) {
            RuleMeta meta = byLabel.get(m.ruleId());
            if (meta == null) {
                continue;
            }
            if (meta.scope() == RuleScope.INSTITUTION && m.kind() == Match.Kind.CORRELATION) {
                String group = m.group().get(RuleTransform.INSTITUTION_FIELD);
                if (group != null && !group.equals(meta.institution().value())) {
                    continue;
                }
            }
            out.add(new Hit(meta, m));
        }
        return out;
    }
}
