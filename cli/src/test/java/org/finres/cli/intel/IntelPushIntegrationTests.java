package org.finres.cli.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;
import static org.finres.cli.testing.CliRun.finresWithStdin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

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

/** {@code finres intel push|submissions} against a real hub (embedded PostgreSQL, random port) in this JVM. */
class IntelPushIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path data;

    @TempDir
    Path folder;

    private static RunningHub hub;
    private static Map<String, String> bank;
    private static Map<String, String> insurer;
    private static String insurerToken;

    @BeforeAll
    static void startHub() {
        hub = RunningHub.start(data);
        Map<String, String> admin = Map.of("FINRES_HUB_URL", hub.url(), "FINRES_TOKEN",
                hub.token(InstitutionId.HUB, "cli test", TokenScope.ADMIN));
        for (String id : new String[] {"push-bank", "push-insurer"}) {
            CliRun created = finres(admin, "admin", "institutions", "create", id, "--name", "Push " + id, "--kind",
                    id.endsWith("bank") ? "bank" : "insurance", "--size-tier", "medium");
            assertThat(created.exitCode()).as(created.toString()).isZero();
        }
        bank = Map.of("FINRES_HUB_URL", hub.url(), "FINRES_TOKEN",
                hub.token(InstitutionId.of("push-bank"), "push", TokenScope.INTEL_WRITE));
        insurerToken = hub.token(InstitutionId.of("push-insurer"), "push", TokenScope.INTEL_WRITE);
        insurer = Map.of("FINRES_HUB_URL", hub.url(), "FINRES_TOKEN", insurerToken);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** What another member reads over TAXII: one object, by id, from a collection. */
    private static String taxiiObject(String token, String collection, String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub.url() + "/taxii2/sector/collections/" + collection
                        + "/objects/" + id + "/"))
                .header("Accept", "application/taxii+json;version=2.1")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("x:" + token).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private static String acceptedIndicator(JsonNode summary) {
        for (JsonNode o : summary.path("objects")) {
            if (o.path("outcome").asString().equals("accepted") && o.path("type").asString().equals("indicator")) {
                return o.path("collection").asString() + " " + o.path("id").asString();
            }
        }
        throw new AssertionError("no accepted indicator: " + summary);
    }

    @Test
    void pushesACsvAndPrintsEveryRejectedRowWithItsLine() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        Path csv = write("blocklist.csv", "type,value,tlp\ndomain-name,cli-" + u + ".example,green\nipv4-addr,300.1.1.1,green\n");
        CliRun run = finres(bank, "intel", "push", csv.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        // The institution's identity object may already be stored from an earlier named push: then it is a duplicate.
        assertThat(run.out()).containsPattern("^[23] accepted, [01] duplicates, 0 corroborations, 0 withheld, 1 rejected \\(format csv, named")
                .contains("  line 3, column value: '300.1.1.1' has an octet above 255");

        CliRun again = finres(bank, "intel", "push", "--json", csv.toString());
        JsonNode summary = JSON.readTree(again.out());
        assertThat(summary.path("accepted").asInt()).isZero();
        assertThat(summary.path("duplicates").asInt()).isEqualTo(3);

        CliRun list = finres(bank, "intel", "submissions");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("blocklist.csv").contains("csv");
        assertThat(finres(insurer, "intel", "submissions").out()).doesNotContain("blocklist.csv");
    }

    @Test
    void pushesAnonymouslyFromStdinAndAnotherMemberSeesOnlyTheAnonymousIdentity() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String misp = "{\"Event\":{\"info\":\"Mule recruitment " + u + "\",\"uuid\":\"" + UUID.randomUUID() + "\","
                + "\"Tag\":[{\"name\":\"tlp:green\"}],\"Attribute\":[{\"type\":\"url\",\"value\":\"https://jobs-" + u
                + ".example/apply\",\"to_ids\":true,\"uuid\":\"" + UUID.randomUUID() + "\",\"timestamp\":\"1795600000\"}]}}";
        CliRun run = finresWithStdin(bank, misp, "intel", "push", "--format", "misp", "--anonymous", "--json", "-");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.path("attribution").asString()).isEqualTo("anonymous");
        String[] indicator = acceptedIndicator(summary).split(" ");
        String seen = taxiiObject(insurerToken, indicator[0], indicator[1]);
        assertThat(seen).startsWith("200 ").contains("jobs-" + u).contains("\"created_by_ref\":\"identity--")
                .doesNotContain("push-bank").doesNotContain("Push push-bank");
    }

    @Test
    void redWithoutRecipientsIsKeptFromOtherMembers() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        Path csv = write("red.csv", "type,value\ndomain-name,red-cli-" + u + ".example\n");
        CliRun run = finres(bank, "intel", "push", "--tlp", "red", "--json", csv.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String[] indicator = acceptedIndicator(JSON.readTree(run.out())).split(" ");
        assertThat(indicator[0]).isEqualTo("sector-amber");
        assertThat(taxiiObject(insurerToken, indicator[0], indicator[1])).startsWith("404 ");
    }

    @Test
    void badInputIsRefusedWithExitCode2AndTheHubsReason() throws Exception {
        Path noHeader = write("list.csv", "domain-name,a.example\n");
        CliRun run = finres(bank, "intel", "push", noHeader.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("line 1, column 1").contains("the first line must be the header");

        CliRun tlp = finres(bank, "intel", "push", "--tlp", "purple", noHeader.toString());
        assertThat(tlp.exitCode()).isEqualTo(2);
        assertThat(tlp.err()).contains("'purple' is not one of clear");

        CliRun missing = finres(bank, "intel", "push", folder.resolve("nothing.json").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void anUnreachableHubIsExitCode3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path csv = write("x.csv", "type,value\ndomain-name,unreachable.example\n");
        CliRun run = finres(Map.of("FINRES_HUB_URL", "http://localhost:" + port, "FINRES_TOKEN", "frs_x"),
                "intel", "push", csv.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    }
}
