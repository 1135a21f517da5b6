package org.finres.sigma;

import org.finres.sigma.correlation.CorrelationEngine;
import org.finres.sigma.correlation.CorrelationHit;
import org.finres.sigma.correlation.CorrelationSettings;
import org.finres.sigma.event.EventView;
import org.finres.sigma.mapping.LogSourceMapping;
import org.finres.sigma.mapping.Pipeline;
import org.finres.sigma.match.CompiledRule;
import org.finres.sigma.match.DetectionCompiler;
import org.finres.sigma.match.Expr;
import org.finres.sigma.match.RuleIndex;
import org.finres.sigma.rule.CorrelationRule;
import org.finres.sigma.rule.RuleParser;
import org.finres.sigma.rule.SigmaDocument;
import org.finres.sigma.rule.SigmaFilter;
import org.finres.sigma.rule.SigmaRule;
import org.finres.sigma.rule.SigmaRuleException;
import tools.jackson.databind.JsonNode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The public entry point. Build one with rules and a pipeline, read its {@link #report()}, then feed events in
 * order; the engine keeps correlation state between events, so one instance serves one event stream and is not
 * thread-safe (the compiled rules themselves are immutable).
 *
 * <pre>{@code
 * SigmaEngine engine = SigmaEngine.builder().pipeline(Pipeline.windows()).rules(Path.of("rules")).build();
 * engine.report().failed().forEach(System.err::println);
 * engine.scan(Path.of("events.json"), System.out::println);
 * }</pre>
 */
public final class SigmaEngine {

    private final Pipeline pipeline;
    private final LoadReport report;
    private final List<CompiledRule> rules;
    private final RuleIndex index;
    private final CorrelationEngine correlations;
    private final Set<SigmaDocument> silent;
    private final int[] ruleMarks;
    private final RuleIndex.Candidates candidates;
    private final List<CompiledRule.Variant> matched = new ArrayList<>();
    private int stamp;

    private SigmaEngine(Pipeline pipeline, LoadReport report, List<CompiledRule> rules, RuleIndex index,
                        CorrelationEngine correlations, Set<SigmaDocument> silent) {
        this.pipeline = pipeline;
        this.report = report;
        this.rules = rules;
        this.index = index;
        this.correlations = correlations;
        this.silent = silent;
        this.ruleMarks = new int[rules.size()];
        this.candidates = index.newCandidates();
    }

    public static Builder builder() {
        return new Builder();
    }

    public LoadReport report() { return report; }

    public Pipeline pipeline() { return pipeline; }

    /** The compiled detection rules (for inspection and statistics). */
    public List<CompiledRule> rules() { return rules; }

    public RuleIndex index() { return index; }

    public CorrelationEngine.Stats correlationStats() { return correlations.stats(); }

    // ------------------------------------------------------------------------------------------- evaluation

    /** Evaluates one event; returns detection matches and any correlations it completed or whose windows closed. */
    public List<Match> evaluate(EventView event, String input, long eventIndex) {
        if (++stamp == 0) {
            java.util.Arrays.fill(ruleMarks, 0);
            stamp = 1;
        }
        matched.clear();
        for (CompiledRule.Variant v : index.candidates(event, candidates)) {
            int ordinal = v.ruleOrdinal();
            if (ruleMarks[ordinal] == stamp) continue;
            if (v.matches(event)) {
                ruleMarks[ordinal] = stamp;
                matched.add(v);
            }
        }
        if (matched.isEmpty() && !correlations.hasClosingWindows()) return List.of();
        Instant time = event.timestamp();
        List<Match> out = new ArrayList<>();
        if (matched.size() > 1) matched.sort(Comparator.comparingInt(v -> v.ruleOrdinal()));
        for (CompiledRule.Variant v : matched) {
            SigmaRule rule = v.rule();
            if (!silent.contains(rule))
                out.add(new Match(rule.label(), rule.title(), rule.level(), Match.Kind.DETECTION, input, eventIndex, time, Map.of()));
            if (correlations.isMember(rule)) {
                LogSourceMapping entry = v.entry();
                CorrelationEngine.Fields fields = f -> read(event, pipeline.eventFields(f, entry));
                hits(correlations.observe(rule, fields, time, eventIndex, input), out);
            }
        }
        if (time != null) correlations.witness(time);
        hits(correlations.advance(), out);
        return out;
    }

    private static Object read(EventView e, List<String> paths) {
        for (String p : paths) {
            Object v = e.field(p);
            if (v != null && v != EventView.JSON_NULL) return v instanceof List<?> l ? l.toString() : v;
        }
        return null;
    }

    private void hits(List<CorrelationHit> hs, List<Match> out) {
        for (CorrelationHit h : hs) {
            CorrelationRule r = h.rule();
            if (silent.contains(r)) continue;
            out.add(new Match(r.label(), r.title(), r.level(), Match.Kind.CORRELATION, h.input(), h.eventIndex(),
                    h.time(), h.group()));
        }
    }

    /** Closes every open correlation window (end of input) and returns what fired. */
    public List<Match> flush() {
        List<Match> out = new ArrayList<>();
        hits(correlations.flush(), out);
        return out;
    }

    /** Evaluates every event of a JSON, JSON Lines or concatenated-JSON file; returns the number of events. */
    public long scan(Path file, Consumer<Match> sink) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return scan(in, file.toString(), sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #scan(Path, Consumer)} for a stream; {@code input} names it in the matches. Does not flush. */
    public long scan(InputStream in, String input, Consumer<Match> sink) {
        long n = 0;
        try (EventReader reader = EventReader.open(in)) {
            while (reader.hasNext()) {
                JsonNode node = reader.next();
                if (node.isObject()) evaluate(EventView.of(node), input, n).forEach(sink);
                n++;
            }
        }
        return n;
    }

    /** The correlation state as JSON, to persist across a restart. */
    public String exportState() { return correlations.exportJson(); }

    /** Restores state from {@link #exportState()}; returns the number of groups restored. */
    public int importState(String json) { return correlations.importJson(json); }

    // ---------------------------------------------------------------------------------------------- loading

    /** Collects rule sources and settings, then parses, links and compiles everything in {@link #build()}. */
    public static final class Builder {
        private Pipeline pipeline = Pipeline.windows();
        private final Map<String, List<String>> placeholders = new LinkedHashMap<>();
        private CorrelationSettings settings = CorrelationSettings.DEFAULTS;
        private final List<Path> paths = new ArrayList<>();
        private final Map<String, String> texts = new LinkedHashMap<>();

        public Builder pipeline(Pipeline p) { this.pipeline = p; return this; }

        /** Values for {@code %name%} placeholders of the {@code expand} modifier (added to the pipeline's). */
        public Builder placeholder(String name, List<String> values) { placeholders.put(name, List.copyOf(values)); return this; }

        public Builder correlationSettings(CorrelationSettings s) { this.settings = s; return this; }

        /** Rule files or folders (searched recursively for .yml and .yaml). */
        public Builder rules(Path... more) { paths.addAll(List.of(more)); return this; }

        /** Rule text with a name used in errors (tests, the hub's rule catalogue). */
        public Builder ruleText(String name, String yaml) { texts.put(name, yaml); return this; }

        public SigmaEngine build() {
            Pipeline p = placeholders.isEmpty() ? pipeline : pipeline.withPlaceholders(placeholders);
            return new Loader(p, settings).load(paths, texts);
        }
    }

    /** One load: parse files, resolve references, attach filters, compile, index. */
    private static final class Loader {
        private final Pipeline pipeline;
        private final CorrelationSettings settings;
        private final List<LoadReport.Loaded> loaded = new ArrayList<>();
        private final List<LoadReport.Problem> failed = new ArrayList<>();
        private final List<LoadReport.Problem> unsupported = new ArrayList<>();
        private final List<LoadReport.Problem> warnings = new ArrayList<>();
        private final List<SigmaDocument> documents = new ArrayList<>();
        private final Map<String, SigmaDocument> byReference = new HashMap<>();
        private final Set<SigmaDocument> broken = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private int files;

        Loader(Pipeline pipeline, CorrelationSettings settings) {
            this.pipeline = pipeline;
            this.settings = settings;
        }

        SigmaEngine load(List<Path> paths, Map<String, String> texts) {
            for (Path p : paths) for (Path f : ruleFiles(p)) parseFile(f);
            texts.forEach(this::parseText);
            for (SigmaDocument d : documents) {
                for (String ref : d.references()) {
                    SigmaDocument prev = byReference.putIfAbsent(ref, d);
                    if (prev != null && prev != d)
                        warnings.add(problem(d, 0, "'" + ref + "' is also used by " + prev.origin() + "; references go to the first"));
                }
            }
            Map<SigmaRule, List<SigmaFilter>> filters = attachFilters();
            List<CorrelationEngine.Linked> linked = linkCorrelations();

            List<CompiledRule> compiled = new ArrayList<>();
            int variants = 0;
            for (SigmaDocument d : documents) {
                if (!(d instanceof SigmaRule rule)) continue;
                try {
                    CompiledRule c = compile(rule, compiled.size(), variants, filters.getOrDefault(rule, List.of()));
                    if (c == null) {
                        loaded.add(new LoadReport.Loaded(rule.label(), rule.title(), "rule", rule.origin().source(), false));
                        continue;
                    }
                    compiled.add(c);
                    variants += c.variants().size();
                    loaded.add(new LoadReport.Loaded(rule.label(), rule.title(), "rule", rule.origin().source(), true));
                } catch (SigmaRuleException e) {
                    broken.add(rule);
                    record(e, rule.label());
                }
            }
            // A correlation whose member failed to compile cannot work either.
            List<CorrelationEngine.Linked> usable = new ArrayList<>();
            boolean changed = true;
            List<CorrelationEngine.Linked> pending = new ArrayList<>(linked);
            while (changed) {
                changed = false;
                for (var it = pending.iterator(); it.hasNext(); ) {
                    CorrelationEngine.Linked l = it.next();
                    SigmaDocument bad = l.members().stream().filter(broken::contains).findFirst().orElse(null);
                    if (bad != null) {
                        broken.add(l.rule());
                        failed.add(problem(l.rule(), 0, "member rule '" + bad.label() + "' did not load"));
                        it.remove();
                        changed = true;
                    }
                }
            }
            usable.addAll(pending);
            for (CorrelationEngine.Linked l : usable)
                loaded.add(new LoadReport.Loaded(l.rule().label(), l.rule().title(), "correlation", l.rule().origin().source(), true));

            CorrelationEngine engine = new CorrelationEngine(usable, settings);
            Set<SigmaDocument> silent = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (SigmaDocument d : documents) {
                List<CorrelationRule> refs = engine.referrers(d);
                // Referenced rules only feed their correlation unless one of those asks to generate them too.
                if (!refs.isEmpty() && refs.stream().noneMatch(CorrelationRule::generate)) silent.add(d);
            }
            List<CompiledRule.Variant> all = new ArrayList<>();
            for (CompiledRule c : compiled) all.addAll(c.variants());
            RuleIndex index = new RuleIndex(all, pipeline.indexFields());
            LoadReport report = new LoadReport(files, loaded, failed, unsupported, warnings);
            return new SigmaEngine(pipeline, report, List.copyOf(compiled), index, engine, silent);
        }

        private List<Path> ruleFiles(Path p) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    return s.filter(Files::isRegularFile)
                            .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                            .sorted().toList();
                } catch (IOException e) {
                    failed.add(new LoadReport.Problem(p.toString(), 0, 0, null, "cannot list folder: " + e.getMessage()));
                    return List.of();
                }
            }
            return List.of(p);
        }

        private void parseFile(Path f) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                files++;
                failed.add(new LoadReport.Problem(f.toString(), 0, 0, null, "cannot read: " + e.getMessage()));
                return;
            }
            parseText(f.toString(), text);
        }

        private void parseText(String source, String text) {
            files++;
            try {
                for (SigmaDocument d : RuleParser.parse(source, text)) {
                    documents.add(d);
                    if (d instanceof SigmaFilter f)
                        loaded.add(new LoadReport.Loaded(f.label(), f.title(), "filter", source, true));
                }
            } catch (SigmaRuleException e) {
                record(e, null);
            }
        }

        private void record(SigmaRuleException e, String rule) {
            LoadReport.Problem p = new LoadReport.Problem(e.source(), e.line(), e.column(), rule, e.reason());
            (e.kind() == SigmaRuleException.Kind.UNSUPPORTED ? unsupported : failed).add(p);
        }

        private LoadReport.Problem problem(SigmaDocument d, int line, String reason) {
            return new LoadReport.Problem(d.origin().source(), line > 0 ? line : d.origin().line(), 0, d.label(), reason);
        }

        private Map<SigmaRule, List<SigmaFilter>> attachFilters() {
            Map<SigmaRule, List<SigmaFilter>> out = new IdentityHashMap<>();
            for (SigmaDocument d : documents) {
                if (!(d instanceof SigmaFilter f)) continue;
                for (String ref : f.rules()) {
                    SigmaDocument target = byReference.get(ref);
                    if (!(target instanceof SigmaRule rule)) {
                        warnings.add(problem(f, 0, "filtered rule '" + ref + "' is not loaded"));
                        continue;
                    }
                    if (!f.logsource().isCoveredBy(rule.logsource())) {
                        warnings.add(problem(f, 0, "log source " + f.logsource() + " does not fit rule '" + ref
                                + "' " + rule.logsource() + "; filter not applied to it"));
                        continue;
                    }
                    out.computeIfAbsent(rule, r -> new ArrayList<>()).add(f);
                }
            }
            return out;
        }

        private List<CorrelationEngine.Linked> linkCorrelations() {
            List<CorrelationEngine.Linked> out = new ArrayList<>();
            for (SigmaDocument d : documents) {
                if (!(d instanceof CorrelationRule c)) continue;
                List<SigmaDocument> members = new ArrayList<>();
                String missing = null;
                for (String ref : c.rules()) {
                    SigmaDocument m = byReference.get(ref);
                    if (m == null || m instanceof SigmaFilter) {
                        missing = ref;
                        break;
                    }
                    members.add(m);
                }
                if (missing != null) {
                    broken.add(c);
                    failed.add(problem(c, 0, "correlation refers to '" + missing + "', which is no loaded rule (id or name)"));
                    continue;
                }
                if (reaches(c, c, new HashSet<>())) {
                    broken.add(c);
                    failed.add(problem(c, 0, "correlation chain refers back to itself"));
                    continue;
                }
                out.add(new CorrelationEngine.Linked(c, members));
            }
            return out;
        }

        private boolean reaches(CorrelationRule from, CorrelationRule target, Set<CorrelationRule> seen) {
            if (!seen.add(from)) return false;
            for (String ref : from.rules()) {
                SigmaDocument m = byReference.get(ref);
                if (m == target) return true;
                if (m instanceof CorrelationRule c && reaches(c, target, seen)) return true;
            }
            return false;
        }

        /** Returns null when no pipeline entry covers the rule's log source (loaded but inactive). */
        private CompiledRule compile(SigmaRule rule, int ordinal, int firstVariant, List<SigmaFilter> filters) {
            DetectionCompiler compiler = new DetectionCompiler(pipeline, rule.origin().source());
            List<LogSourceMapping> targets = new ArrayList<>(pipeline.resolve(rule.logsource()));
            if (targets.isEmpty()) {
                if (pipeline.unmapped() == Pipeline.Unmapped.NONE) {
                    // Still compiled, so that errors in the rule are reported even when it cannot run here.
                    compiler.compile(rule.detection(), null);
                    for (SigmaFilter f : filters) compiler.compile(f.detection(), null);
                    warnings.add(problem(rule, 0, "log source " + rule.logsource() + " is not covered by pipeline '"
                            + pipeline.name() + "'; the rule is loaded but inactive"));
                    return null;
                }
                targets.add(null);
            }
            if (rule.taxonomy() != null)
                warnings.add(problem(rule, 0, "taxonomy '" + rule.taxonomy() + "' is not translated: field names are read as "
                        + "written (map them with the pipeline's 'fields')"));
            List<CompiledRule.Variant> variants = new ArrayList<>();
            for (LogSourceMapping entry : targets) {
                Expr detection = compiler.compile(rule.detection(), entry);
                Expr[] filterExprs = new Expr[filters.size()];
                for (int i = 0; i < filterExprs.length; i++)
                    filterExprs[i] = compiler.compile(filters.get(i).detection(), entry);
                variants.add(new CompiledRule.Variant(rule, ordinal, firstVariant + variants.size(), entry,
                        DetectionCompiler.conditions(entry), detection, filterExprs));
            }
            return new CompiledRule(rule, ordinal, variants);
        }
    }
}
