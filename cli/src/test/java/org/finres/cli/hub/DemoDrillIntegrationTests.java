package org.finres.cli.hub;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.finres.cli.testing.RunningHub;
import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.SizeTier;
import org.finres.core.TokenScope;
import org.finres.resilience.drill.evidence.DrillOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failover drill of {@code finres demo}, end to end against a real hub: the shipped e-banking target runs as
 * processes of this CLI, its primary is killed with kill -9, and the signed evidence is verified and recorded by the
 * hub with the measured switchover and no acknowledged transfer lost.
 */
class DemoDrillIntegrationTests {

    @TempDir
    Path data;
    @TempDir
    Path drill;

    @Test
    void theDemoDrillFailsOverTheShippedTargetAndTheHubRecordsVerifiedEvidenceWithNoTransferLost() throws Exception {
        try (RunningHub hub = RunningHub.start(data)) {
            InstitutionId bank = InstitutionId.of("drill-bank");
            hub.context().getBean(Institutions.class).create(new Actor.SystemProcess("test"), bank,
                    new Institutions.Draft("Drill Bank", InstitutionKind.BANK, SizeTier.MEDIUM));
            StringWriter printed = new StringWriter();

            DemoDrill.Outcome outcome = DemoDrill.run(hub.context(), hub.url() + "/", drill, bank, "online-banking",
                    new PrintWriter(printed, true));

            assertThat(outcome.status()).as(outcome.answer()).isEqualTo(201);
            assertThat(outcome.evidence().outcome()).isInstanceOf(DrillOutcome.Passed.class);
            assertThat(outcome.evidence().measured().switchover()).isPositive();
            assertThat(outcome.evidence().content().workload().acknowledged()).isPositive();
            assertThat(outcome.evidence().content().workload().lost()).isEmpty();
            assertThat(Files.exists(drill.resolve("evidence.json"))).isTrue();
            assertThat(printed.toString()).contains("primary killed, switchover").contains("0 lost")
                    .contains("evidence verified and recorded");

            String reader = hub.token(bank, "drill reader", TokenScope.READ);
            HttpResponse<String> drills = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(hub.url() + "/api/v1/resilience/drills"))
                    .header("Authorization", "Bearer " + reader).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(drills.statusCode()).as(drills.body()).isEqualTo(200);
            JsonNode recorded = JsonMapper.builder().build().readTree(drills.body());
            JsonNode first = recorded.isArray() ? recorded.get(0) : recorded.path("drills").get(0);
            assertThat(first.toString()).contains("online-banking");
            assertThat(first.path("verified").asBoolean(true)).isTrue();
            assertThat(first.path("transfersLost").asLong(-1)).isZero();
            assertThat(first.path("switchoverMs").asLong(0)).isEqualTo(outcome.evidence().measured().switchover().toMillis());
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
                    .as("the target's processes are gone with the drill").isZero();
        }
    }
}
