package org.finres.sigma;

import org.finres.sigma.mapping.Pipeline;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SigmaHQ's regression data: for each info.yml, the rule (found by id in the rule corpus) is run over its recorded
 * Windows events with our Windows pipeline, and the number of matches must equal match_count (at least one match
 * where no count is given: every test there is a positive detection test).
 */
class RegressionConformanceTests {

    private static final Pattern ID = Pattern.compile("(?m)^id:\\s*['\"]?([0-9a-fA-F-]{36})");

    record Outcome(Path info, String ruleId, boolean passed, String reason) {}

    /**
     * Cases whose expected count contradicts the rule and the recorded events, checked by hand. They stay counted as
     * failures in the pass rate; the test only insists that nothing else fails and that these still fail exactly so.
     */
    static final Map<String, String> KNOWN_DATA_DISCREPANCIES = Map.of(
            "0b9ad457-2554-44c1-82c2-d56a99c42377",
            "matched 3, expected 1: three of the five recorded file events have a TargetFilename containing "
                    + "'\\AppData\\Roaming\\AnyDesk\\user.conf' (user.conf.new twice, user.conf~RF2d9c20d.TMP), "
                    + "which is exactly the rule's selection; match_count 1 cannot be right for this data");

    @Test
    void everyRegressionCaseMatchesItsExpectedCount() throws IOException {
        Path regression = SharedCorpus.require(SharedCorpus.REGRESSION);
        Path rulesRoot = SharedCorpus.require(SharedCorpus.RULES);
        Map<String, Path> ruleById = indexRules(rulesRoot);
        List<Path> infos;
        try (Stream<Path> s = Files.walk(regression)) {
            infos = s.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        }
        assertThat(infos).isNotEmpty();
        List<Outcome> outcomes = new ArrayList<>();
        for (Path info : infos) outcomes.add(run(info, ruleById));

        long passed = outcomes.stream().filter(Outcome::passed).count();
        System.out.printf("Sigma regression conformance: %d/%d passed (%.1f%%)%n", passed, outcomes.size(),
                100.0 * passed / outcomes.size());
        outcomes.stream().filter(o -> !o.passed()).forEach(o -> System.out.println("  FAIL " + o.ruleId() + " "
                + o.info().getParent() + ": " + KNOWN_DATA_DISCREPANCIES.getOrDefault(o.ruleId(), o.reason())));
        assertThat(outcomes).filteredOn(o -> !o.passed() && !KNOWN_DATA_DISCREPANCIES.containsKey(o.ruleId())).isEmpty();
        for (Outcome o : outcomes) {
            String known = KNOWN_DATA_DISCREPANCIES.get(o.ruleId());
            if (known != null) assertThat(known).startsWith(o.reason() + ":");
        }
    }

    /** With the whole corpus loaded, the index must find on Windows-shaped events exactly what brute force finds. */
    @Test
    void theIndexedCorpusFindsWhatEveryRuleFindsOnWindowsEvents() throws IOException {
        Path regression = SharedCorpus.require(SharedCorpus.REGRESSION);
        SigmaEngine engine = SigmaEngine.builder().pipeline(Pipeline.windows()).rules(SharedCorpus.require(SharedCorpus.RULES)).build();
        List<Path> files;
        try (Stream<Path> s = Files.walk(regression)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int events = 0;
        int matches = 0;
        for (Path f : files) {
            try (var in = Files.newInputStream(f); EventReader reader = EventReader.open(in)) {
                while (reader.hasNext()) {
                    org.finres.sigma.event.EventView e = org.finres.sigma.event.EventView.of(reader.next());
                    java.util.Set<String> indexed = new java.util.TreeSet<>();
                    engine.evaluate(e, f.toString(), events++).forEach(m -> indexed.add(m.ruleId()));
                    java.util.Set<String> brute = new java.util.TreeSet<>();
                    for (var r : engine.rules()) if (r.match(e) != null) brute.add(r.rule().label());
                    assertThat(indexed).as("%s event %d", f, events - 1).isEqualTo(brute);
                    matches += brute.size();
                }
            }
        }
        System.out.println("Regression events with the whole corpus: " + events + " events, " + matches + " rule matches");
        assertThat(matches).isGreaterThanOrEqualTo(files.size());
    }

    @SuppressWarnings("unchecked")
    private Outcome run(Path info, Map<String, Path> ruleById) throws IOException {
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(info));
        String ruleId = ((List<Map<String, Object>>) doc.get("rule_metadata")).getFirst().get("id").toString();
        Map<String, Object> test = ((List<Map<String, Object>>) doc.get("regression_tests_info")).getFirst();
        Integer expected = test.get("match_count") instanceof Integer i ? i : null;
        Path rule = ruleById.get(ruleId);
        if (rule == null) return new Outcome(info, ruleId, false, "rule not found in the corpus");
        Path events = info.resolveSibling(ruleId + ".json");
        if (!Files.exists(events)) {
            try (Stream<Path> s = Files.list(info.getParent())) {
                events = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElse(null);
            }
        }
        if (events == null) return new Outcome(info, ruleId, false, "no event file");
        SigmaEngine engine = SigmaEngine.builder().pipeline(Pipeline.windows()).rules(rule).build();
        LoadReport report = engine.report();
        if (!report.failed().isEmpty() || !report.unsupported().isEmpty())
            return new Outcome(info, ruleId, false, "rule did not load: " + report.failed() + report.unsupported());
        if (engine.rules().isEmpty())
            return new Outcome(info, ruleId, false, "rule inactive: " + report.warnings());
        long[] count = {0};
        engine.scan(events, m -> { if (m.ruleId().equals(ruleId)) count[0]++; });
        engine.flush();
        boolean ok = expected == null ? count[0] >= 1 : count[0] == expected;
        return new Outcome(info, ruleId, ok, "matched " + count[0] + ", expected " + (expected == null ? ">= 1" : expected));
    }

    static Map<String, Path> indexRules(Path root) throws IOException {
        Map<String, Path> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yml")).toList()) {
                Matcher m = ID.matcher(Files.readString(p));
                if (m.find()) out.putIfAbsent(m.group(1), p);
            }
        }
        return out;
    }
}
