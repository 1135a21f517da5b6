package org.finres.cli.admin;

import java.util.HashMap;
import java.util.Map;

import org.finres.cli.testing.CliRun;
import org.finres.cli.testing.StubHub;
import org.finres.cli.testing.StubHub.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;

/** What the admin commands send to the hub and how they show its answers, against a stub of the API. */
class AdminCommandsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER_ID = "3f2b1c9e-0d4a-4e57-9b8e-2a6c1d7f5e10";
    private static final String INSTITUTION = """
            {"id":"swiftpay","name":"迅付電子支付 (SwiftPay)","kind":"payment","sizeTier":"small",
             "createdAt":"2026-01-02T03:04:05.123456Z","updatedAt":"2026-01-02T03:04:05.123456Z"}""";
    private static final String USER = """
            {"id":"%s","institutionId":"swiftpay","username":"swp-admin","displayName":"SWP administrator",
             "email":null,"role":"institution-admin","locale":"zh-TW","enabled":true,"lockedUntil":null,
             "lastLoginAt":null,"createdAt":"2026-01-02T03:04:05Z"}""".formatted(USER_ID);
    private static final String TOKEN = """
            {"id":"abcdefghijklmnop","institutionId":"swiftpay","name":"siem","scopes":["audit:read","read"],
             "createdBy":"user:admin","createdAt":"2026-01-02T03:04:05Z","expiresAt":"2026-04-02T03:04:05Z",
             "revokedAt":null,"lastUsedAt":null,"active":true}""";

    private final StubHub hub = new StubHub();

    @AfterEach
    void stop() {
        hub.close();
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void listSendsTheTokenAndPrintsATable() {
        hub.json("GET", "/api/v1/institutions", 200, "[" + INSTITUTION + "]");

        CliRun run = finres(hub.environment(), "admin", "institutions", "list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("""
                ID        NAME                     KIND     SIZE   UPDATED
                swiftpay  迅付電子支付 (SwiftPay)  payment  small  2026-01-02T03:04:05Z
                """);
        Request request = hub.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.authorization()).isEqualTo("Bearer " + hub.environment().get("FINRES_TOKEN"));
    }

    @Test
    void jsonOptionPrintsTheHubsJsonUnchanged() {
        hub.json("GET", "/api/v1/institutions", 200, "[" + INSTITUTION + "]");

        CliRun run = finres(hub.environment(), "admin", "institutions", "list", "--json");

        assertThat(json(run.out())).isEqualTo(json("[" + INSTITUTION + "]"));
    }

    @Test
    void emptyListSaysSo() {
        hub.json("GET", "/api/v1/tokens", 200, "[]");

        assertThat(finres(hub.environment(), "admin", "tokens", "list").out()).isEqualTo("No tokens.\n");
    }

    @Test
    void hubAndTokenOptionsWinOverTheEnvironment() {
        hub.json("GET", "/api/v1/institutions", 200, "[]");
        Map<String, String> elsewhere = Map.of("FINRES_HUB_URL", "http://127.0.0.1:9", "FINRES_TOKEN", "frs_env_token");

        CliRun run = finres(elsewhere, "admin", "institutions", "list", "--hub", hub.url() + "/", "--token", "frs_option");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hub.onlyRequest().authorization()).isEqualTo("Bearer frs_option");
        assertThat(hub.onlyRequest().target()).isEqualTo("/api/v1/institutions");
    }

    @Test
    void createInstitutionPostsItsFields() {
        hub.json("POST", "/api/v1/institutions", 201, INSTITUTION);

        CliRun run = finres(hub.environment(), "admin", "institutions", "create", "swiftpay",
                "--name", "迅付電子支付 (SwiftPay)", "--kind", "payment", "--size-tier", "small");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Created institution swiftpay.\n").contains("size tier:  small");
        assertThat(hub.onlyRequest().contentType()).startsWith("application/json");
        assertThat(json(hub.onlyRequest().body())).isEqualTo(json(
                "{\"id\":\"swiftpay\",\"name\":\"迅付電子支付 (SwiftPay)\",\"kind\":\"payment\",\"sizeTier\":\"small\"}"));
    }

    @Test
    void updateInstitutionCarriesOverWhatIsNotGiven() {
        hub.json("GET", "/api/v1/institutions/swiftpay", 200, INSTITUTION);
        hub.json("PUT", "/api/v1/institutions/swiftpay", 200, INSTITUTION);

        CliRun run = finres(hub.environment(), "admin", "institutions", "update", "swiftpay", "--size-tier", "medium");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hub.requests()).extracting(Request::method).containsExactly("GET", "PUT");
        assertThat(json(hub.requests().get(1).body())).isEqualTo(json(
                "{\"name\":\"迅付電子支付 (SwiftPay)\",\"kind\":\"payment\",\"sizeTier\":\"medium\"}"));
    }

    @Test
    void idsStayOnePathSegment() {
        hub.json("DELETE", "/api/v1/institutions/..%2Fusers%3Fx", 204, "");

        CliRun run = finres(hub.environment(), "admin", "institutions", "delete", "../users?x");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hub.onlyRequest().target()).isEqualTo("/api/v1/institutions/..%2Fusers%3Fx");
        assertThat(run.out()).isEqualTo("Deleted institution ../users?x.\n");
    }

    @Test
    void deleteWithJsonPrintsNothingForTheEmptyAnswer() {
        hub.json("DELETE", "/api/v1/users/" + USER_ID, 204, "");

        CliRun run = finres(hub.environment(), "admin", "users", "delete", USER_ID, "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void listUsersFiltersByInstitution() {
        hub.json("GET", "/api/v1/users?institution=swiftpay", 200, "[" + USER + "]");

        CliRun run = finres(hub.environment(), "admin", "users", "list", "--institution", "swiftpay");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("swp-admin", "institution-admin", "yes");
    }

    @Test
    void createUserPrintsTheGeneratedPasswordOnce() {
        hub.json("POST", "/api/v1/users", 201, "{\"user\":" + USER + ",\"initialPassword\":\"AAAAA-BBBBB-CCCCC-DDDDD\"}");

        CliRun run = finres(hub.environment(), "admin", "users", "create", "--institution", "swiftpay",
                "--username", "swp-admin", "--display-name", "SWP administrator", "--role", "institution-admin");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsOnlyOnce("AAAAA-BBBBB-CCCCC-DDDDD").contains("username:      swp-admin");
        assertThat(json(hub.onlyRequest().body())).isEqualTo(json("""
                {"institutionId":"swiftpay","username":"swp-admin","displayName":"SWP administrator",
                 "email":null,"role":"institution-admin","locale":null}"""));
    }

    @Test
    void createUserReadsThePasswordFromStdinNeverFromArguments() {
        hub.json("POST", "/api/v1/users", 201, "{\"user\":" + USER + ",\"initialPassword\":null}");

        CliRun run = CliRun.finresWithStdin(hub.environment(), "correct horse battery staple\nignored\n", "admin", "users",
                "create", "--institution", "swiftpay", "--username", "swp-admin", "--display-name", "SWP",
                "--role", "institution-admin", "--password-stdin");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(json(hub.onlyRequest().body()).path("password").stringValue()).isEqualTo("correct horse battery staple");
        assertThat(run.out()).doesNotContain("password");
    }

    @Test
    void updateUserSendsOnlyTheFieldsGiven() {
        hub.json("PATCH", "/api/v1/users/" + USER_ID, 200, USER);

        CliRun run = finres(hub.environment(), "admin", "users", "update", USER_ID, "--enabled", "false",
                "--email", "ops@swiftpay.example");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(json(hub.onlyRequest().body())).isEqualTo(json("{\"email\":\"ops@swiftpay.example\",\"enabled\":false}"));
    }

    @Test
    void resetPasswordPrintsTheNewPassword() {
        hub.json("POST", "/api/v1/users/" + USER_ID + "/password-reset", 200, "{\"password\":\"EEEEE-FFFFF\"}");

        CliRun run = finres(hub.environment(), "admin", "users", "reset-password", USER_ID);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("New password", "EEEEE-FFFFF");
    }

    @Test
    void createTokenSendsScopesGivenEitherWayAndPrintsTheSecret() {
        hub.json("POST", "/api/v1/tokens", 201, "{\"token\":" + TOKEN + ",\"secret\":\"frs_abcdefghijklmnop_s3cr3t\","
                + "\"note\":\"store the secret now\"}");

        CliRun run = finres(hub.environment(), "admin", "tokens", "create", "--name", "siem", "--scope", "read,audit:read",
                "--scope", "admin", "--institution", "swiftpay", "--valid-days", "30");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(json(hub.onlyRequest().body())).isEqualTo(json("""
                {"institutionId":"swiftpay","name":"siem","scopes":["read","audit:read","admin"],"validDays":30}"""));
        assertThat(run.out()).contains("Issued token abcdefghijklmnop.", "scopes:       audit:read, read",
                "frs_abcdefghijklmnop_s3cr3t");
    }

    @Test
    void revokingAWholeTokenSendsOnlyItsIdNeverTheSecret() {
        hub.json("DELETE", "/api/v1/tokens/abcdefghijklmnop", 200, TOKEN.replace("\"active\":true", "\"active\":false"));

        CliRun run = finres(hub.environment(), "admin", "tokens", "revoke", "frs_abcdefghijklmnop_s3cr3tS3CR3T");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hub.onlyRequest().target()).isEqualTo("/api/v1/tokens/abcdefghijklmnop");
        assertThat(run.out()).contains("Revoked token abcdefghijklmnop.", "state:        inactive");
    }

    @Test
    void hubUnderAPathPrefixKeepsThePrefix() {
        hub.json("GET", "/finres/api/v1/tokens", 200, "[" + TOKEN + "]");
        Map<String, String> environment = new HashMap<>(hub.environment());
        environment.put("FINRES_HUB_URL", hub.url() + "/finres/");

        CliRun run = finres(environment, "admin", "tokens", "list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("abcdefghijklmnop", "audit:read, read", "active");
    }
}
