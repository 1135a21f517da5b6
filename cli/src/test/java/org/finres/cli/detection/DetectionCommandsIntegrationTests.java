package org.finres.cli.detection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.finres.cli.testing.CliRun;
import org.finres.cli.testing.RunningHub;
import org.finres.core.InstitutionId;
import org.finres.core.TokenScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;
import static org.finres.cli.testing.CliRun.finresWithStdin;

/** {@code finres rules|alerts|indicators} against a real hub (embedded PostgreSQL, random port) in this JVM. */
class DetectionCommandsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Ours, for these tests only: a firewall refusing RDP, which the hub's OCSF mapping reaches from CEF. */
    private static final String RDP_RULE = """
            title: CLI test denied RDP
            id: 6d1f0c3e-7a2b-4c5d-9e8f-0a1b2c3d4e5f
            status: test
            logsource:
              category: firewall
            detection:
              selection:
                dst_port: 3389
                action_id: 2
              condition: selection
            level: medium
            """;

    private static final String GOOD_RULE = """
            title: CLI test certutil download
            id: 3b8e2f40-1c6d-4e7a-8b9c-5d0e1f2a3b4c
            status: test
            logsource:
              product: windows
              category: process_creation
            detection:
              selection:
                Image|endswith: '\\certutil.exe'
                CommandLine|contains: urlcache
              condition: selection
            level: high
            """;

    /** Line 8 names a selection that does not exist. */
    private static final String BROKEN_RULE = """
            title: CLI test broken condition
            logsource:
              product: windows
              category: process_creation
            detection:
              selection:
                Image|endswith: '\\x.exe'
              condition: selection and nothing
            level: low
            """;

    @TempDir
    static Path data;

    @TempDir
    Path folder;

    private static RunningHub hub;
    private static Map<String, String> admin;

    @BeforeAll
    static void startHub() {
        hub = RunningHub.start(data);
        admin = Map.of("FINRES_HUB_URL", hub.url(), "FINRES_TOKEN", hub.token(InstitutionId.HUB, "cli test",
                TokenScope.ADMIN));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private static CliRun ok(Map<String, String> environment, String... args) {
        CliRun run = finres(environment, args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    private static JsonNode json(CliRun run) {
        return JSON.readTree(run.out());
    }

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static Map<String, String> tokenOf(String institution, String scope) {
        String secret = json(ok(admin, "admin", "tokens", "create", "--institution", institution, "--name",
                scope.replace(":", " ") + " of " + institution, "--scope", scope, "--json")).path("secret").stringValue();
        return Map.of("FINRES_HUB_URL", admin.get("FINRES_HUB_URL"), "FINRES_TOKEN", secret);
    }

    private static JsonNode ruleTitled(String title) {
        return StreamSupport.stream(json(ok(admin, "rules", "list", "--json")).spliterator(), false)
                .filter(r -> r.path("title").stringValue().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void folderWithAGoodAndABrokenRuleLoadsTheGoodOneAndNamesTheBrokenOnesFileAndLine() throws IOException {
        write("pack/windows/good.yml", GOOD_RULE);
        write("pack/windows/nested/broken.yml", BROKEN_RULE);
        write("pack/README.md", "not a rule");

        CliRun run = finres(admin, "rules", "import", folder.resolve("pack").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("(2 file(s)): 1 created, 0 updated, 0 unchanged, 1 problem(s)")
                .containsPattern("\\n  windows/nested/broken\\.yml:8\\b.*nothing");
        assertThat(run.err()).isEmpty();

        JsonNode good = ruleTitled("CLI test certutil download");
        assertThat(good.path("enabled").booleanValue()).isTrue();
        assertThat(ok(admin, "rules", "list", "--scope", "hub").out()).contains("CLI test certutil download")
                .doesNotContain("CLI test broken condition");
        String id = good.path("id").stringValue();

        assertThat(ok(admin, "rules", "disable", id).out()).contains("Disabled rule").contains("disabled");
        assertThat(ruleTitled("CLI test certutil download").path("enabled").booleanValue()).isFalse();
        assertThat(ok(admin, "rules", "enable", id).out()).contains("Enabled rule");
        assertThat(ok(admin, "rules", "versions", id).out()).startsWith("VERSION").contains("\n1 ");

        // The same folder again changes nothing; the single good file as YAML is unchanged too.
        CliRun again = finres(admin, "rules", "import", folder.resolve("pack/windows/good.yml").toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("(1 file(s)): 0 created, 0 updated, 1 unchanged, 0 problem(s)");
    }

    @Test
    void importOfAMissingPathOrAnEmptyFolderIsAUsageErrorAndSendsNothing() throws IOException {
        Files.createDirectories(folder.resolve("empty"));

        CliRun missing = finres(admin, "rules", "import", folder.resolve("nope").toString());
        CliRun empty = finres(admin, "rules", "import", folder.resolve("empty").toString());

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such rule file or folder");
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains("no .yml or .yaml file under");
    }

    @Test
    void indicatorListWithOneBadLineKeepsTheGoodOnesAndExitsWith2() throws IOException {
        Path list = write("iocs.csv", """
                type,value,label
                ipv4,198.51.100.77,cli test c2
                ipv4,999.1.2.3,cli test broken
                domain,cli-test-evil.example,cli test phishing
                """);

        CliRun run = finres(admin, "indicators", "upload", "--format", "csv", "--source", "cli-test", list.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("2 added, 0 reactivated, 0 unchanged, 1 rejected (format csv)")
                .containsPattern("\\n  .*3.*999\\.1\\.2\\.3|\\n  .*line 3");
        JsonNode page = json(ok(admin, "indicators", "list", "--search", "cli-test-evil", "--json"));
        assertThat(page.path("indicators")).hasSize(1);
        JsonNode domain = page.path("indicators").get(0);
        assertThat(domain.path("source").stringValue()).isEqualTo("cli-test");
        assertThat(ok(admin, "indicators", "list", "--type", "ipv4").out()).contains("198.51.100.77", "active");

        String id = Long.toString(domain.path("id").asLong());
        assertThat(ok(admin, "indicators", "retire", id).out()).isEqualTo("Retired indicator " + id + ".\n");
        CliRun twice = finres(admin, "indicators", "retire", "987654321");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).startsWith("finres: Not found (HTTP 404)");

        CliRun fromStdin = finresWithStdin(admin, "cli-test-other.example\n", "indicators", "upload", "-");
        assertThat(fromStdin.exitCode()).as(fromStdin.toString()).isZero();
        assertThat(fromStdin.out()).contains("1 added").contains("0 rejected");
    }

    @Test
    void anInstitutionListsOnlyItsOwnAlertsAndAnothersAlertIsNotFound() throws Exception {
        ok(admin, "admin", "institutions", "create", "cli-alert-a", "--name", "Alert Bank A", "--kind", "bank",
                "--size-tier", "small");
        ok(admin, "admin", "institutions", "create", "cli-alert-b", "--name", "Alert Bank B", "--kind", "bank",
                "--size-tier", "small");
        ok(admin, "rules", "import", write("rdp.yml", RDP_RULE).toString());
        Map<String, String> readerA = tokenOf("cli-alert-a", "read");
        for (String bank : new String[] {"cli-alert-a", "cli-alert-b"}) {
            String cef = "CEF:0|Fortinet|FortiGate|7.2.5|13|traffic denied|8|rt=" + Instant.now().toEpochMilli()
                    + " src=203.0.113.200 spt=51337 dst=10.24.1.9 dpt=3389 proto=6 act=deny msg=" + bank + "\n";
            ok(tokenOf(bank, "events:write"), "events", "send", "--state", folder.resolve(bank + ".state").toString(),
                    write(bank + ".cef", cef).toString());
        }

        JsonNode all = awaitAlerts(admin, 2);
        long alertOfB = StreamSupport.stream(all.spliterator(), false)
                .filter(a -> a.path("institution").stringValue().equals("cli-alert-b"))
                .findFirst().orElseThrow().path("id").asLong();
        JsonNode own = awaitAlerts(readerA, 1);
        assertThat(own).isNotEmpty().allSatisfy(a ->
                assertThat(a.path("institution").stringValue()).isEqualTo("cli-alert-a"));
        assertThat(ok(readerA, "alerts", "list", "--kind", "detection").out()).startsWith("ID")
                .contains("CLI test denied RDP").doesNotContain("cli-alert-b");

        CliRun stranger = finres(readerA, "alerts", "show", Long.toString(alertOfB));
        assertThat(stranger.exitCode()).as(stranger.toString()).isEqualTo(2);
        assertThat(stranger.err()).startsWith("finres: Not found (HTTP 404)")
                .contains("'" + alertOfB + "' does not exist or is not visible to you");
        assertThat(stranger.out()).isEmpty();
        CliRun otherInstitution = finres(readerA, "alerts", "list", "--institution", "cli-alert-b");
        assertThat(otherInstitution.exitCode()).isEqualTo(2);

        String mine = Long.toString(own.get(0).path("id").asLong());
        assertThat(ok(readerA, "alerts", "show", mine).out()).contains("institution:", "cli-alert-a",
                "status:", "new", "Evidence (1 event(s)):");
        assertThat(ok(readerA, "alerts", "ack", mine).out()).contains("Acknowledged alert " + mine, "acknowledged");
        assertThat(finres(readerA, "alerts", "ack", mine).exitCode()).isEqualTo(2);
        CliRun badReason = finres(readerA, "alerts", "close", mine, "--reason", "bored");
        assertThat(badReason.exitCode()).isEqualTo(2);
        assertThat(badReason.err()).contains("HTTP 400").contains("reason");
        JsonNode closed = json(ok(readerA, "alerts", "close", mine, "--reason", "false-positive", "--note",
                "scanner of our own", "--json"));
        assertThat(closed.path("alert").path("status").stringValue()).isEqualTo("closed");
        assertThat(closed.path("alert").path("closeReason").stringValue()).isEqualTo("false-positive");
        assertThat(finres(readerA, "alerts", "close", mine).exitCode()).as("--reason is required").isEqualTo(1);
    }

    /** Detection runs behind the intake; wait until the alerts of the test rule are there. */
    private static JsonNode awaitAlerts(Map<String, String> token, int atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode alerts;
        do {
            alerts = json(ok(token, "alerts", "list", "--kind", "detection", "--text", "CLI test denied RDP",
                    "--json")).path("alerts");
            if (alerts.size() >= atLeast) {
                return alerts;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return alerts;
    }
}
