package org.finres.cli.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.finres.cli.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SigmaCommandTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String MIMIKATZ_RULE = """
            title: Mimikatz on the command line
            id: 2f1c8a43-5a0e-4f8e-9a55-0c9d6f1e7b01
            status: test
            level: high
            logsource:
              category: process_creation
              product: windows
            detection:
              selection:
                CommandLine|contains: mimikatz
              condition: selection
            """;

    private static final String BROKEN_RULE = """
            title: Broken condition
            logsource:
              product: windows
            detection:
              selection:
                Image: x.exe
              condition: selection and nothing
            """;

    /** Sysmon process creation (EVTX-rendered shape) twice, one with mimikatz; then a network connection. */
    private static final String EVENTS = """
            {"Event":{"System":{"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","TimeCreated":{"#attributes":{"SystemTime":"2026-01-02T03:04:05Z"}}},"EventData":{"CommandLine":"notepad.exe a.txt"}}}
            {"Event":{"System":{"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","TimeCreated":{"#attributes":{"SystemTime":"2026-01-02T03:04:06Z"}}},"EventData":{"CommandLine":"C:\\\\t\\\\mimikatz.exe sekurlsa::logonpasswords"}}}
            {"Event":{"System":{"EventID":3,"Channel":"Microsoft-Windows-Sysmon/Operational"},"EventData":{"CommandLine":"mimikatz"}}}
            """;

    @TempDir
    Path folder;

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void checkSaysOkForEveryRuleThatLoads() throws IOException {
        write("rules/mimikatz.yml", MIMIKATZ_RULE);

        CliRun run = CliRun.finres(Map.of(), "sigma", "check", folder.resolve("rules").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("ok").contains("mimikatz.yml").contains("0 failed");
    }

    @Test
    void checkReportsAFailedRuleWithItsPlaceAndExitsWith2() throws IOException {
        write("rules/a-good.yml", MIMIKATZ_RULE);
        Path broken = write("rules/b-broken.yml", BROKEN_RULE);

        CliRun run = CliRun.finres(Map.of(), "sigma", "check", folder.resolve("rules").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).containsPattern("ok +\\S*a-good.yml")
                .containsPattern("failed +" + Pattern.quote(broken.toString()) + ":7")
                .contains("1 failed");
    }

    @Test
    void checkOfAMissingPathIsAUsageError() {
        CliRun run = CliRun.finres(Map.of(), "sigma", "check", folder.resolve("none").toString());

        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void scanPrintsOneJsonLinePerMatchAndASummaryOnStderr() throws IOException {
        Path rule = write("rules/mimikatz.yml", MIMIKATZ_RULE);
        Path events = write("events.jsonl", EVENTS);

        CliRun run = CliRun.finres(Map.of(), "sigma", "scan", "--rules", rule.toString(), "--input", events.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode match = JSON.readTree(lines.getFirst());
        assertThat(match.path("rule_id").asString()).isEqualTo("2f1c8a43-5a0e-4f8e-9a55-0c9d6f1e7b01");
        assertThat(match.path("rule_title").asString()).isEqualTo("Mimikatz on the command line");
        assertThat(match.path("level").asString()).isEqualTo("high");
        assertThat(match.path("input").asString()).isEqualTo(events.toString());
        assertThat(match.path("event_index").asLong()).isEqualTo(1);
        assertThat(match.path("event_time").asString()).isEqualTo("2026-01-02T03:04:06Z");
        assertThat(run.err()).contains("1  2f1c8a43-5a0e-4f8e-9a55-0c9d6f1e7b01").contains("in 3 events")
                .contains("events/s");
    }

    @Test
    void scanPrintsATableOnRequestAndReadsConcatenatedPrettyJson() throws IOException {
        Path rule = write("rules/mimikatz.yml", MIMIKATZ_RULE);
        StringBuilder pretty = new StringBuilder();
        for (String line : EVENTS.lines().toList()) {
            pretty.append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(line))).append('\n');
        }
        write("in/events.json", pretty.toString());

        CliRun run = CliRun.finres(Map.of(), "sigma", "scan", "--rules", rule.toString(), "--input",
                folder.resolve("in").toString(), "--format", "table");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList()).hasSize(2);
        assertThat(run.out()).startsWith("RULE").contains("Mimikatz on the command line").contains("high");
    }

    @Test
    void scanWithNoMappingAppliesRulesToAnyJson() throws IOException {
        Path rule = write("rules/mimikatz.yml", MIMIKATZ_RULE);
        Path events = write("flat.json", "[{\"CommandLine\":\"mimikatz\"},{\"CommandLine\":\"calc\"}]");

        CliRun run = CliRun.finres(Map.of(), "sigma", "scan", "--mapping", "none", "--rules", rule.toString(),
                "--input", events.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList()).hasSize(1);
    }

    /** SigmaHQ's regression data for one rule: our scan must find as many matches as its info.yml says. */
    @Test
    void scanFindsTheMatchCountOfASigmaRegressionCase() throws IOException {
        Path shared = Path.of("..", "shared", "data", "sigma");
        assumeTrue(Files.isDirectory(shared.resolve("regression")), "../shared is absent");
        Path testCase = shared.resolve("regression/rules/windows/process_creation/"
                + "proc_creation_win_reg_system_restore_modification");
        Path rule = shared.resolve("rules/rules/windows/process_creation/"
                + "proc_creation_win_reg_system_restore_modification.yml");
        assumeTrue(Files.isDirectory(testCase) && Files.isRegularFile(rule), "regression case absent");
        Matcher count = Pattern.compile("match_count:\\s*(\\d+)").matcher(Files.readString(testCase.resolve("info.yml")));
        assertThat(count.find()).isTrue();
        Path events;
        try (Stream<Path> files = Files.list(testCase)) {
            events = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }

        CliRun run = CliRun.finres(Map.of(), "sigma", "scan", "--rules", rule.toString(), "--input", events.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList()).hasSize(Integer.parseInt(count.group(1)));
    }
}
