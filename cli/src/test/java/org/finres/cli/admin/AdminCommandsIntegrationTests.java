package org.finres.cli.admin;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;

/** The admin commands against a real hub (embedded PostgreSQL, random port) started in this JVM. */
class AdminCommandsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path data;

    private static RunningHub hub;
    private static Map<String, String> admin;

    @BeforeAll
    static void startHub() {
        hub = RunningHub.start(data);
        admin = Map.of("FINRES_HUB_URL", hub.url(), "FINRES_TOKEN",
                hub.token(InstitutionId.HUB, "cli test", TokenScope.ADMIN, TokenScope.AUDIT_READ));
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

    @Test
    void institutionIsCreatedShownUpdatedListedAndDeleted() {
        ok(admin, "admin", "institutions", "create", "cli-bank", "--name", "命令列銀行 (CLI Bank)", "--kind", "bank",
                "--size-tier", "small");

        assertThat(ok(admin, "admin", "institutions", "show", "cli-bank").out())
                .contains("name:       命令列銀行 (CLI Bank)", "kind:       bank", "size tier:  small");
        ok(admin, "admin", "institutions", "update", "cli-bank", "--size-tier", "medium");
        JsonNode updated = json(ok(admin, "admin", "institutions", "show", "cli-bank", "--json"));
        assertThat(updated.path("name").stringValue()).isEqualTo("命令列銀行 (CLI Bank)");
        assertThat(updated.path("sizeTier").stringValue()).isEqualTo("medium");
        assertThat(ok(admin, "admin", "institutions", "list").out()).contains("cli-bank", "hub", "regulator");

        assertThat(ok(admin, "admin", "institutions", "delete", "cli-bank").out()).isEqualTo("Deleted institution cli-bank.\n");

        CliRun gone = finres(admin, "admin", "institutions", "show", "cli-bank");
        assertThat(gone.exitCode()).isEqualTo(2);
        assertThat(gone.err()).startsWith("finres: Not found (HTTP 404)");
    }

    @Test
    void userIsCreatedUpdatedGivenANewPasswordAndDeleted() {
        ok(admin, "admin", "institutions", "create", "user-bank", "--name", "User Bank", "--kind", "bank",
                "--size-tier", "large");
        JsonNode created = json(ok(admin, "admin", "users", "create", "--institution", "user-bank", "--username",
                "ub-admin", "--display-name", "UB admin", "--role", "institution-admin", "--locale", "en", "--json"));
        String id = created.path("user").path("id").stringValue();
        assertThat(created.path("initialPassword").stringValue()).isNotBlank();

        assertThat(ok(admin, "admin", "users", "list", "--institution", "user-bank").out()).contains(id, "ub-admin");
        ok(admin, "admin", "users", "update", id, "--enabled", "false", "--display-name", "UB administrator");
        JsonNode shown = json(ok(admin, "admin", "users", "show", id, "--json"));
        assertThat(shown.path("enabled").booleanValue()).isFalse();
        assertThat(shown.path("displayName").stringValue()).isEqualTo("UB administrator");
        assertThat(ok(admin, "admin", "users", "reset-password", id).out()).startsWith("New password");

        ok(admin, "admin", "users", "delete", id);
        assertThat(finres(admin, "admin", "users", "show", id).exitCode()).isEqualTo(2);
    }

    @Test
    void issuedTokenWorksUntilRevoked() {
        ok(admin, "admin", "institutions", "create", "token-bank", "--name", "Token Bank", "--kind", "payment",
                "--size-tier", "small");
        JsonNode issued = json(ok(admin, "admin", "tokens", "create", "--institution", "token-bank", "--name", "siem",
                "--scope", "read", "--valid-days", "7", "--json"));
        String secret = issued.path("secret").stringValue();
        Map<String, String> member = Map.of("FINRES_HUB_URL", admin.get("FINRES_HUB_URL"), "FINRES_TOKEN", secret);

        assertThat(ok(member, "admin", "institutions", "list").out()).contains("token-bank").doesNotContain("regulator");
        assertThat(ok(admin, "admin", "tokens", "list", "--institution", "token-bank").out()).contains("siem", "active");

        assertThat(ok(admin, "admin", "tokens", "revoke", secret).out()).contains("state:        inactive");

        CliRun refused = finres(member, "admin", "institutions", "list");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("HTTP 401");
    }

    @Test
    void hubsValidationErrorIsShownWithItsField() {
        CliRun run = finres(admin, "admin", "institutions", "create", "bad-kind-bank", "--name", "X", "--kind", "casino",
                "--size-tier", "small");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("finres: Invalid input (HTTP 400): ").contains("casino");
    }

    @Test
    void memberTokenIsRefusedHubAdministration() {
        ok(admin, "admin", "institutions", "create", "small-bank", "--name", "Small Bank", "--kind", "bank",
                "--size-tier", "small");
        String secret = memberAdminToken("small-bank");
        Map<String, String> member = Map.of("FINRES_HUB_URL", admin.get("FINRES_HUB_URL"), "FINRES_TOKEN", secret);

        CliRun run = finres(member, "admin", "institutions", "create", "rogue-bank", "--name", "Rogue", "--kind", "bank",
                "--size-tier", "small");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("HTTP 403");
    }

    @Test
    void analystOfOneInstitutionCannotReadOrChangeAnothersUsersOrTokens() {
        ok(admin, "admin", "institutions", "create", "cli-a", "--name", "Bank A", "--kind", "bank", "--size-tier", "small");
        ok(admin, "admin", "institutions", "create", "cli-b", "--name", "Bank B", "--kind", "bank", "--size-tier", "small");
        String userOfB = json(ok(admin, "admin", "users", "create", "--institution", "cli-b", "--username", "b-admin",
                "--display-name", "B admin", "--role", "institution-admin", "--json")).path("user").path("id").stringValue();
        String tokenOfB = json(ok(admin, "admin", "tokens", "create", "--institution", "cli-b", "--name", "b-siem",
                "--scope", "read", "--json")).path("token").path("id").stringValue();
        for (String scope : new String[] {"read", "admin"}) {
            String secret = scope.equals("admin") ? memberAdminToken("cli-a")
                    : json(ok(admin, "admin", "tokens", "create", "--institution", "cli-a", "--name", "a-" + scope,
                            "--scope", scope, "--json")).path("secret").stringValue();
            Map<String, String> a = Map.of("FINRES_HUB_URL", admin.get("FINRES_HUB_URL"), "FINRES_TOKEN", secret);
            String[][] attempts = {
                    {"admin", "users", "list", "--institution", "cli-b"},
                    {"admin", "users", "show", userOfB},
                    {"admin", "users", "update", userOfB, "--enabled", "false"},
                    {"admin", "users", "reset-password", userOfB},
                    {"admin", "users", "delete", userOfB},
                    {"admin", "tokens", "list", "--institution", "cli-b"},
                    {"admin", "tokens", "show", tokenOfB},
                    {"admin", "tokens", "revoke", tokenOfB},
                    {"admin", "tokens", "create", "--institution", "cli-b", "--name", "rogue", "--scope", "read"}};
            for (String[] attempt : attempts) {
                CliRun run = finres(a, attempt);
                assertThat(run.exitCode()).as(scope + " " + String.join(" ", attempt) + ": " + run).isEqualTo(2);
                assertThat(run.err()).containsAnyOf("HTTP 403", "HTTP 404");
            }
        }
        JsonNode stillThere = json(ok(admin, "admin", "users", "show", userOfB, "--json"));
        assertThat(stillThere.path("enabled").booleanValue()).isTrue();
        assertThat(ok(admin, "admin", "tokens", "show", tokenOfB).out()).contains("state:        active");
    }

    /**
     * A member's admin token as its own institution administrator would issue it: the hub's administrators cannot,
     * since it carries the member's vault signing-key and custody rights, which the hub must never hold.
     */
    private static String memberAdminToken(String institution) {
        return hub.token(InstitutionId.of(institution), institution + " admin", TokenScope.ADMIN);
    }

    @Test
    void theHubCannotMintAMembersAdminTokenThatWouldCarryItsVaultKeyRights() {
        ok(admin, "admin", "institutions", "create", "keyed-bank", "--name", "Keyed Bank", "--kind", "bank",
                "--size-tier", "small");

        CliRun run = finres(admin, "admin", "tokens", "create", "--institution", "keyed-bank", "--name", "takeover",
                "--scope", "admin");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("HTTP 400").contains("VAULT_KEYS, which you do not hold");
        assertThat(ok(admin, "admin", "tokens", "list", "--institution", "keyed-bank").out()).doesNotContain("takeover");
    }

    @Test
    void auditTrailVerifiedThroughTheHubIsIntact() {
        CliRun run = ok(admin, "audit", "verify");

        assertThat(run.out()).matches("audit trail intact: \\d+ records\\n");
    }
}
