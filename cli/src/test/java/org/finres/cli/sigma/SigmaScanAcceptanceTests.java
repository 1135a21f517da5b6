package org.finres.cli.sigma;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.finres.cli.testing.CliRun;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance of {@code finres sigma scan} on our own regression cases ({@code src/test/resources/regression}, not
 * those of ../shared): each case's rule is scanned over its events by the real command and the JSON lines per rule
 * id are compared with the case's {@code match_count}. The cases aim at constructs SigmaHQ's regression data
 * exercises thinly and carry near misses, so that a wrong engine shows as a wrong count.
 * <p>
 * A case the engine gets wrong, checked against the specification, keeps its expected count and names the problem
 * in {@code known_engine_issue}, with the count the engine gives today in {@code engine_match_count}: it is reported
 * apart and does not fail the build, but any change of the engine's count fails it, so that a fix (or a new error)
 * cannot go unnoticed.
 */
class SigmaScanAcceptanceTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One case's info.yml: the layout of SigmaHQ's regression info files, plus our own optional keys. */
    record RegressionCase(String name, Path folder, Map<String, Integer> expected, Path events, Path mapping,
                          String knownEngineIssue, Integer engineMatchCount) {

        Path rule() {
            return folder.resolve("rule.yml");
        }

        @SuppressWarnings("unchecked")
        static RegressionCase read(Path folder) {
            Map<String, Object> info;
            try {
                info = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(folder.resolve("info.yml")));
            } catch (IOException e) {
                throw new IllegalStateException(folder + ": " + e.getMessage(), e);
            }
            List<Map<String, Object>> rules = (List<Map<String, Object>>) info.get("rule_metadata");
            Map<String, Object> test = ((List<Map<String, Object>>) info.get("regression_tests_info")).getFirst();
            // The first rule's count is the test's match_count, as in SigmaHQ's files; further rules of a case
            // (none so far) would carry their own.
            Map<String, Integer> expected = new LinkedHashMap<>();
            for (int i = 0; i < rules.size(); i++) {
                Object count = i == 0 ? test.get("match_count") : rules.get(i).get("match_count");
                expected.put(String.valueOf(rules.get(i).get("id")), ((Number) Objects.requireNonNull(count,
                        folder + ": no match_count for rule " + rules.get(i).get("id"))).intValue());
            }
            Object mapping = info.get("mapping");
            Object engineCount = info.get("engine_match_count");
            return new RegressionCase(folder.getFileName().toString(), folder, expected,
                    folder.resolve(String.valueOf(test.get("path"))),
                    mapping == null ? null : folder.resolve(mapping.toString()),
                    (String) info.get("known_engine_issue"),
                    engineCount == null ? null : ((Number) engineCount).intValue());
        }

        List<String> scanArguments(String... more) {
            List<String> args = new ArrayList<>(List.of("sigma", "scan", "--rules", rule().toString(), "--input",
                    events.toString()));
            if (mapping != null) {
                args.addAll(List.of("--mapping", mapping.toString()));
            }
            args.addAll(List.of(more));
            return args;
        }
    }

    static Path casesFolder() {
        try {
            return Path.of(Objects.requireNonNull(SigmaScanAcceptanceTests.class.getResource("/regression")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<RegressionCase> cases() throws IOException {
        try (Stream<Path> folders = Files.list(casesFolder())) {
            return folders.filter(Files::isDirectory).sorted().map(RegressionCase::read).toList();
        }
    }

    /** Matches per rule id in the scan's JSON lines. */
    static Map<String, Integer> countsOf(CliRun run) {
        Map<String, Integer> counts = new TreeMap<>();
        run.out().lines().filter(line -> !line.isBlank())
                .forEach(line -> counts.merge(JSON.readTree(line).path("rule_id").asString(""), 1, Integer::sum));
        return counts;
    }

    /** The 0-based indexes of the events that matched, in output order. */
    static List<Long> matchedEvents(CliRun run) {
        return run.out().lines().filter(line -> !line.isBlank())
                .map(line -> JSON.readTree(line).path("event_index").asLong()).toList();
    }

    /** "rule R: expected E, got A" for every rule whose count differs; rules the case does not name expect 0. */
    static List<String> mismatches(Map<String, Integer> expected, Map<String, Integer> actual) {
        List<String> found = new ArrayList<>();
        expected.forEach((rule, count) -> {
            int got = actual.getOrDefault(rule, 0);
            if (got != count) {
                found.add("rule " + rule + ": expected " + count + " match(es), got " + got);
            }
        });
        actual.forEach((rule, count) -> {
            if (!expected.containsKey(rule)) {
                found.add("rule " + rule + " (not the case's rule, e.g. a correlation's base rule): expected 0, got "
                        + count);
            }
        });
        return found;
    }

    @TestFactory
    Stream<DynamicTest> scanFindsEachCasesMatchCount() throws IOException {
        List<RegressionCase> cases = cases();
        assertThat(cases).hasSizeBetween(12, 20);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            CliRun run = CliRun.finres(Map.of(), c.scanArguments().toArray(String[]::new));
            assertThat(run.exitCode()).as(c.name() + ": " + run).isZero();
            assertThat(run.err()).as(c.name() + ": every rule of the case must load").doesNotContain("failed to load");
            Map<String, Integer> actual = countsOf(run);
            List<String> mismatches = mismatches(c.expected(), actual).stream().map(m -> c.name() + ": " + m).toList();
            if (c.knownEngineIssue() == null) {
                // The matched events' indexes (0-based, in events.json order) point at the case's notes in info.yml.
                assertThat(mismatches).as("%s: matched events %s", c.name(), matchedEvents(run)).isEmpty();
                return;
            }
            int got = actual.getOrDefault(c.expected().keySet().iterator().next(), 0);
            System.out.println("[known engine issue] " + c.name() + ": " + c.knownEngineIssue() + " ("
                    + String.join("; ", mismatches) + ")");
            assertThat(got).as(c.name() + ": the engine's count of a known issue changed; if the engine was fixed, "
                    + "remove known_engine_issue and engine_match_count from info.yml").isEqualTo(c.engineMatchCount());
        }));
    }

    @Test
    void everyCaseHasBothWindowsEventShapesAndANearMiss() throws IOException {
        for (RegressionCase c : cases()) {
            List<String> events = Files.readAllLines(c.events()).stream().filter(l -> !l.isBlank()).toList();
            assertThat(events).as(c.name()).anyMatch(e -> e.startsWith("{\"Event\":"))
                    .anyMatch(e -> !e.startsWith("{\"Event\":"));
            int expected = c.expected().values().stream().mapToInt(Integer::intValue).sum();
            assertThat(events.size()).as(c.name() + ": needs events that must not match").isGreaterThan(expected);
        }
    }

    @Test
    void tableFormatShowsOneRowPerMatchUnderAHeading() throws IOException {
        RegressionCase windash = cases().stream().filter(c -> c.name().equals("windash-powershell-flags"))
                .findFirst().orElseThrow();

        CliRun run = CliRun.finres(Map.of(), windash.scanArguments("--format", "table").toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("RULE").contains("TITLE", "LEVEL", "INPUT", "EVENT", "TIME");
        assertThat(lines).hasSize(1 + windash.expected().values().iterator().next());
        assertThat(lines.subList(1, lines.size())).allSatisfy(row -> assertThat(row)
                .startsWith(windash.expected().keySet().iterator().next()).contains("medium"));
    }

    @Test
    void placeholderValuesComeFromTheMappingFileAndWithoutThemTheRuleIsUnsupported() throws IOException {
        RegressionCase expand = cases().stream().filter(c -> c.mapping() != null).findFirst().orElseThrow();

        CliRun builtIn = CliRun.finres(Map.of(), "sigma", "scan", "--rules", expand.rule().toString(), "--input",
                expand.events().toString());
        CliRun missing = CliRun.finres(Map.of(), "sigma", "scan", "--rules", expand.rule().toString(), "--input",
                expand.events().toString(), "--mapping", expand.folder().resolve("no-such-mapping.yml").toString());

        // Under the built-in pipeline %AdminUsers% has no values: the specification wants the rule refused.
        assertThat(builtIn.exitCode()).as(builtIn.toString()).isZero();
        assertThat(builtIn.out()).isEmpty();
        assertThat(builtIn.err()).contains("1 are unsupported");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot read the mapping");
    }
}
