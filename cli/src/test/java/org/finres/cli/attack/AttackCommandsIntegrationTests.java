package org.finres.cli.attack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.finres.cli.testing.CliRun;
import org.finres.cli.testing.RunningHub;
import org.finres.core.InstitutionId;
import org.finres.core.TokenScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;

/** {@code finres attack import|list|show} against a real hub (embedded PostgreSQL, random port) in this JVM. */
class AttackCommandsIntegrationTests {

    /** Two techniques of an ICS-shaped matrix, written for this test. */
    private static final String ICS_BUNDLE = """
            {"type":"bundle","id":"bundle--7e2a1c40-9b3d-4f5e-8a6b-1c2d3e4f5a01","objects":[
             {"type":"x-mitre-collection","spec_version":"2.1","id":"x-mitre-collection--7e2a1c40-9b3d-4f5e-8a6b-1c2d3e4f5a02",
              "created":"2020-01-06T00:00:00.000Z","modified":"2025-10-28T14:00:00.000Z","name":"ICS ATT&CK","x_mitre_version":"16.1"},
             {"type":"x-mitre-tactic","spec_version":"2.1","id":"x-mitre-tactic--7e2a1c40-9b3d-4f5e-8a6b-1c2d3e4f5a03",
              "created":"2020-01-06T00:00:00.000Z","modified":"2025-10-28T14:00:00.000Z","name":"Inhibit Response Function",
              "x_mitre_shortname":"inhibit-response-function",
              "external_references":[{"source_name":"mitre-ics-attack","external_id":"TA0107"}]},
             {"type":"attack-pattern","spec_version":"2.1","id":"attack-pattern--7e2a1c40-9b3d-4f5e-8a6b-1c2d3e4f5a04",
              "created":"2020-05-21T17:43:26.506Z","modified":"2025-04-16T20:37:39.000Z","name":"Alarm Suppression",
              "kill_chain_phases":[{"kill_chain_name":"mitre-ics-attack","phase_name":"inhibit-response-function"}],
              "external_references":[{"source_name":"mitre-ics-attack","external_id":"T0878","url":"https://attack.mitre.org/techniques/T0878"}]},
             {"type":"attack-pattern","spec_version":"2.1","id":"attack-pattern--7e2a1c40-9b3d-4f5e-8a6b-1c2d3e4f5a05",
              "created":"2020-05-21T17:43:26.506Z","modified":"2025-04-16T20:37:39.000Z","name":"Block Command Message",
              "x_mitre_deprecated":true,
              "kill_chain_phases":[{"kill_chain_name":"mitre-ics-attack","phase_name":"inhibit-response-function"}],
              "external_references":[{"source_name":"mitre-ics-attack","external_id":"T0803"}]}]}""";

    @TempDir
    static Path data;
    @TempDir
    Path folder;

    private static RunningHub hub;
    private static Map<String, String> analyst;
    private static Map<String, String> member;

    @BeforeAll
    static void startHub() {
        hub = RunningHub.start(data);
        analyst = Map.of("FINRES_HUB_URL", hub.url(), "FINRES_TOKEN", hub.token(InstitutionId.HUB, "cli attack",
                TokenScope.READ));
        member = Map.of("FINRES_HUB_URL", hub.url(), "FINRES_TOKEN", hub.token(InstitutionId.REGULATOR,
                "cli attack regulator", TokenScope.ADMIN));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void importsABundleThenListsAndShowsItsTechniques() throws IOException {
        Path bundle = Files.writeString(folder.resolve("ics-attack.json"), ICS_BUNDLE);

        CliRun imported = finres(analyst, "attack", "import", bundle.toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("Imported ICS ATT&CK 16.1: 2 techniques, 1 tactics");
        assertThat(imported.err()).contains("Uploading ics-attack.json");

        CliRun list = finres(analyst, "attack", "list", "--search", "alarm");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("T0878").contains("Alarm Suppression").contains("Inhibit Response Function")
                .contains("ics-attack");
        assertThat(finres(analyst, "attack", "list").out()).doesNotContain("T0803");
        assertThat(finres(analyst, "attack", "list", "--retired").out()).contains("T0803");

        CliRun json = finres(analyst, "attack", "list", "--search", "T0878", "--json");
        assertThat(JsonMapper.builder().build().readTree(json.out()).get(0).get("url").stringValue())
                .isEqualTo("https://attack.mitre.org/techniques/T0878");

        CliRun show = finres(analyst, "attack", "show", "t0803");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("T0803  Block Command Message").contains("deprecated");
    }

    @Test
    void refusalsGiveTheirExitCodeAndReason() throws IOException {
        CliRun missing = finres(analyst, "attack", "import", folder.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such bundle");

        Path notAttack = Files.writeString(folder.resolve("plain.json"),
                "{\"type\":\"bundle\",\"id\":\"bundle--7e2a1c40-9b3d-4f5e-8a6b-1c2d3e4f5a09\",\"objects\":[]}");
        CliRun refused = finres(analyst, "attack", "import", notAttack.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("holds no ATT&CK technique");

        CliRun regulator = finres(member, "attack", "import", notAttack.toString());
        assertThat(regulator.exitCode()).isEqualTo(2);
        assertThat(finres(analyst, "attack", "show", "T12").exitCode()).isEqualTo(2);
        assertThat(finres(analyst, "attack", "show", "T9999").err()).contains("does not exist");
    }
}
