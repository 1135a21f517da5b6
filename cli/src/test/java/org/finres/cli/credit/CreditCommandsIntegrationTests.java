package org.finres.cli.credit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;

/** {@code finres credit ranking|ledger|false-positive} against a real hub (embedded PostgreSQL, random port). */
class CreditCommandsIntegrationTests {

    @TempDir
    static Path data;

    private static RunningHub hub;
    private static Map<String, String> analyst;
    private static Map<String, String> member;

    @BeforeAll
    static void startHub() throws Exception {
        hub = RunningHub.start(data);
        String admin = hub.token(InstitutionId.HUB, "cli credit admin", TokenScope.ADMIN);
        for (String[] bank : new String[][] {{"cli-credit-a", "Bank A", "50"}, {"cli-credit-b", "Bank B", "30"}}) {
            assertThat(post(admin, "/api/v1/institutions", "{\"id\":\"" + bank[0] + "\",\"name\":\"" + bank[1]
                    + "\",\"kind\":\"bank\",\"sizeTier\":\"medium\"}")).isEqualTo(201);
            assertThat(post(admin, "/api/v1/credit/adjustments", "{\"institution\":\"" + bank[0] + "\",\"points\":" + bank[2]
                    + ",\"reason\":\"pilot credit\"}")).isEqualTo(201);
        }
        analyst = Map.of("FINRES_HUB_URL", hub.url(), "FINRES_TOKEN", hub.token(InstitutionId.HUB, "cli credit", TokenScope.READ));
        member = Map.of("FINRES_HUB_URL", hub.url(), "FINRES_TOKEN",
                hub.token(InstitutionId.of("cli-credit-b"), "cli credit member", TokenScope.ADMIN));
    }

    private static int post(String token, String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void theHubSeesEveryMemberAndAMemberOnlyItselfByName() {
        CliRun forHub = finres(analyst, "credit", "ranking");
        assertThat(forHub.exitCode()).as(forHub.toString()).isZero();
        assertThat(forHub.out()).contains("Bank A").contains("Bank B").contains("50").contains("30");
        assertThat(forHub.out().indexOf("Bank A")).isLessThan(forHub.out().indexOf("Bank B"));

        CliRun forMember = finres(member, "credit", "ranking");
        assertThat(forMember.exitCode()).as(forMember.toString()).isZero();
        assertThat(forMember.out()).contains("Bank B").contains("member #1").doesNotContain("Bank A");

        CliRun ledger = finres(member, "credit", "ledger");
        assertThat(ledger.exitCode()).as(ledger.toString()).isZero();
        assertThat(ledger.out()).contains("manual-adjustment").contains("pilot credit").doesNotContain("cli-credit-a");
        assertThat(finres(member, "credit", "ledger", "--institution", "cli-credit-a").exitCode()).isEqualTo(2);
        CliRun badMonth = finres(analyst, "credit", "ranking", "--month", "2026-13");
        assertThat(badMonth.exitCode()).isEqualTo(2);
        assertThat(badMonth.err()).contains("month").contains("2026-13");
    }

    @Test
    void markingAnIndicatorTheHubDoesNotKnowIsRefusedWithItsId() {
        CliRun unknown = finres(analyst, "credit", "false-positive", "indicator--0b7c2f4e-8f7d-4a5b-9c1e-2d3f4a5b6c7d",
                "--reason", "sinkholed");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("404").contains("indicator 'indicator--0b7c2f4e");
        assertThat(finres(analyst, "credit", "false-positive", "indicator--x").exitCode()).as("--reason is required")
                .isEqualTo(1);
    }
}
