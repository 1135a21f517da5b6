package org.finres.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Logins, lockout, token life cycle, hashed secrets, CSRF and security headers, tested as an attacker would. */
@HubIntegrationTest
class AccessControlIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    UserAccounts users;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        InstitutionId bank = sector.institution("lockout", InstitutionKind.BANK);
        UserAccount user = sector.user(bank, Role.INSTITUTION_ANALYST);

        // The test profile locks after 3 failures.
        assertThat(users.login(user.username(), "wrong-1")).isInstanceOf(LoginResult.Rejected.class);
        assertThat(users.login(user.username(), "wrong-2")).isInstanceOf(LoginResult.Rejected.class);
        assertThat(users.login(user.username(), "wrong-3")).isInstanceOf(LoginResult.Locked.class);
        assertThat(users.login(user.username(), TestSector.PASSWORD)).isInstanceOf(LoginResult.Locked.class);

        assertThat(auditCount("login.failed", user.id().toString())).isEqualTo(4);
    }

    @Test
    void passwordResetLiftsTheLock() {
        InstitutionId bank = sector.institution("unlock", InstitutionKind.BANK);
        UserAccount user = sector.user(bank, Role.INSTITUTION_ANALYST);
        for (int i = 0; i < 3; i++) {
            users.login(user.username(), "wrong");
        }
        String fresh = users.resetPassword(new Actor.SystemProcess("test"), user.id());
        assertThat(users.login(user.username(), fresh)).isInstanceOf(LoginResult.Succeeded.class);
        assertThat(auditCount("login.succeeded", user.id().toString())).isEqualTo(1);
    }

    @Test
    void unknownUserIsRejectedAndAudited() {
        long before = jdbc.sql("select count(*) from audit_log where action = 'login.failed' and details like '%ghost-user%'")
                .query(Long.class).single();
        assertThat(users.login("ghost-user", "whatever")).isInstanceOf(LoginResult.Rejected.class);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'login.failed' and details like '%ghost-user%'")
                .query(Long.class).single()).isEqualTo(before + 1);
    }

    @Test
    void disabledUserCannotLogIn() {
        InstitutionId bank = sector.institution("disabled", InstitutionKind.BANK);
        UserAccount user = sector.user(bank, Role.INSTITUTION_ANALYST);
        users.update(new Actor.SystemProcess("test"), user.id(), new UserAccounts.Changes(null, null, null, false, null));
        assertThat(users.login(user.username(), TestSector.PASSWORD)).isInstanceOf(LoginResult.Disabled.class);
    }

    @Test
    void passwordsAreStoredAsArgon2idHashes() {
        InstitutionId bank = sector.institution("hash", InstitutionKind.BANK);
        UserAccount user = sector.user(bank, Role.INSTITUTION_ANALYST);
        String hash = jdbc.sql("select password_hash from app_user where id = :id").param("id", user.id().value())
                .query(String.class).single();
        assertThat(hash).startsWith("$argon2id$").doesNotContain(TestSector.PASSWORD);
    }

    @Test
    void tokenSecretIsNotStoredAndWorksUntilRevoked() throws Exception {
        InstitutionId bank = sector.institution("token", InstitutionKind.BANK);
        String secret = sector.token(bank, TokenScope.READ);
        TokenId id = new TokenId(secret.substring(4, 20));
        String stored = jdbc.sql("select encode(secret_hash, 'hex') || name || array_to_string(scopes, ',') from api_token where id = :id")
                .param("id", id.value()).query(String.class).single();
        assertThat(stored).doesNotContain(secret.substring(21));

        assertThat(get("/api/v1/me", "Bearer " + secret).statusCode()).isEqualTo(200);
        assertThat(auditCount("token.used", id.value())).isEqualTo(1);

        tokens.revoke(new Actor.SystemProcess("test"), id);
        HttpResponse<String> after = get("/api/v1/me", "Bearer " + secret);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).contains("unknown, revoked or expired");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'token.rejected' and target_id = :id and details like '%revoked%'")
                .param("id", id.value()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void expiredTokenIsRejected() throws Exception {
        InstitutionId bank = sector.institution("expired", InstitutionKind.BANK);
        String secret = sector.token(bank, TokenScope.READ);
        jdbc.sql("update api_token set expires_at = now() - interval '1 minute' where id = :id")
                .param("id", secret.substring(4, 20)).update();
        assertThat(get("/api/v1/me", "Bearer " + secret).statusCode()).isEqualTo(401);
    }

    @Test
    void guessedSecretForARealTokenIdIsRejectedAndAudited() throws Exception {
        InstitutionId bank = sector.institution("guess", InstitutionKind.BANK);
        String secret = sector.token(bank, TokenScope.READ);
        String guessed = secret.substring(0, 21) + "A".repeat(43);
        assertThat(get("/api/v1/me", "Bearer " + guessed).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'token.rejected' and target_id = :id")
                .param("id", secret.substring(4, 20)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void httpBasicCarriesATokenForProtocolsThatNeedIt() throws Exception {
        InstitutionId bank = sector.institution("basic", InstitutionKind.BANK);
        String secret = sector.token(bank, TokenScope.READ);
        String whole = Base64.getEncoder().encodeToString((bank + ":" + secret).getBytes(StandardCharsets.UTF_8));
        assertThat(get("/api/v1/me", "Basic " + whole).statusCode()).isEqualTo(200);
        String split = Base64.getEncoder().encodeToString((secret.substring(4, 20) + ":" + secret.substring(21))
                .getBytes(StandardCharsets.UTF_8));
        assertThat(get("/api/v1/me", "Basic " + split).statusCode()).isEqualTo(200);
        String wrong = Base64.getEncoder().encodeToString((bank + ":not-a-token").getBytes(StandardCharsets.UTF_8));
        assertThat(get("/api/v1/me", "Basic " + wrong).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenCannotCarryMoreThanItsCreatorHolds() {
        InstitutionId bank = sector.institution("escalate", InstitutionKind.BANK);
        UserAccount analyst = sector.user(bank, Role.INSTITUTION_ANALYST);
        Actor actor = new Actor.User(analyst.id(), analyst.username(), bank, InstitutionKind.BANK, Role.INSTITUTION_ANALYST);
        assertThatThrownBy(() -> tokens.issue(actor, new ApiTokens.Draft(bank, "mine", java.util.Set.of(TokenScope.ADMIN),
                java.time.Duration.ofDays(1)))).isInstanceOf(AccessRefusedException.class);
        UserAccount admin = sector.user(bank, Role.INSTITUTION_ADMIN);
        Actor adminActor = new Actor.User(admin.id(), admin.username(), bank, InstitutionKind.BANK, Role.INSTITUTION_ADMIN);
        assertThat(tokens.issue(adminActor, new ApiTokens.Draft(bank, "ok", java.util.Set.of(TokenScope.AUDIT_READ),
                java.time.Duration.ofDays(1))).secret()).startsWith("frs_");
    }

    @Test
    void roleMustFitTheTenantKind() {
        InstitutionId bank = sector.institution("rolefit", InstitutionKind.BANK);
        assertThatThrownBy(() -> users.create(new Actor.SystemProcess("test"), new UserAccounts.Draft(bank, "wannabe-hub",
                "Wannabe", null, Role.HUB_ADMIN, Locale.ENGLISH, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a role for a bank tenant");
    }

    @Test
    void userInterfacePostWithoutCsrfTokenIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=x")).build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    @Test
    void responsesCarrySecurityHeaders() throws Exception {
        HttpResponse<String> response = get("/login", null);
        assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).isPresent();
    }

    @Test
    void pagesNeedALogin() throws Exception {
        HttpResponse<String> response = get("/", null);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/login");
    }

    private long auditCount(String action, String targetId) {
        return jdbc.sql("select count(*) from audit_log where action = :a and target_id = :t")
                .param("a", action).param("t", targetId).query(Long.class).single();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
