package org.finres.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The administration API used as intended: the hub manages tenants, an institution manages its own people. */
@HubIntegrationTest
class AdministrationApiIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    UserAccounts users;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void hubAdminManagesInstitutionsThroughTheirLifeCycle() throws Exception {
        String hub = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        String id = "lifecycle-" + System.nanoTime() % 100000;

        var created = call(hub, "POST", "/api/v1/institutions",
                "{\"id\":\"" + id + "\",\"name\":\"嘉南農會信用部 (Chianan Credit)\",\"kind\":\"credit-cooperative\",\"sizeTier\":\"small\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/institutions/" + id);
        assertThat(json.readTree(created.body()).get("kind").asString()).isEqualTo("credit-cooperative");

        var updated = call(hub, "PUT", "/api/v1/institutions/" + id,
                "{\"name\":\"Chianan Credit Cooperative\",\"kind\":\"credit-cooperative\",\"sizeTier\":\"medium\"}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json.readTree(updated.body()).get("sizeTier").asString()).isEqualTo("medium");

        var duplicate = call(hub, "POST", "/api/v1/institutions",
                "{\"id\":\"" + id + "\",\"name\":\"Again\",\"kind\":\"bank\",\"sizeTier\":\"small\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.body()).contains("already exists");

        assertThat(call(hub, "DELETE", "/api/v1/institutions/" + id, null).statusCode()).isEqualTo(204);
        assertThat(call(hub, "GET", "/api/v1/institutions/" + id, null).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from audit_log where target_id = :id and action like 'institution.%'")
                .param("id", id).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void specialTenantsCannotBeDeletedOrCreated() throws Exception {
        String hub = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        assertThat(call(hub, "DELETE", "/api/v1/institutions/regulator", null).statusCode()).isEqualTo(409);
        var second = call(hub, "POST", "/api/v1/institutions",
                "{\"id\":\"hub-two\",\"name\":\"Second hub\",\"kind\":\"hub\",\"sizeTier\":null}");
        assertThat(second.statusCode()).isEqualTo(400);
    }

    @Test
    void institutionWithUsersCannotBeDeleted() throws Exception {
        String hub = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        InstitutionId bank = sector.institution("occupied", InstitutionKind.BANK);
        sector.user(bank, Role.INSTITUTION_ANALYST);
        var response = call(hub, "DELETE", "/api/v1/institutions/" + bank, null);
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("still has 1 user(s)");
    }

    @Test
    void institutionWhoseTokensAreRevokedCanBeDeleted() throws Exception {
        String hub = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        InstitutionId bank = sector.institution("retired", InstitutionKind.PAYMENT);
        String token = sector.token(bank, TokenScope.READ);
        var refused = call(hub, "DELETE", "/api/v1/institutions/" + bank, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("1 active token(s)");
        assertThat(call(hub, "DELETE", "/api/v1/tokens/" + token.substring(4, 20), null).statusCode()).isEqualTo(200);
        assertThat(call(hub, "DELETE", "/api/v1/institutions/" + bank, null).statusCode()).isEqualTo(204);
    }

    @Test
    void institutionAdminManagesItsOwnUsersAndTokens() throws Exception {
        InstitutionId bank = sector.institution("self-service", InstitutionKind.SECURITIES);
        String admin = sector.token(bank, TokenScope.ADMIN);
        String username = "analyst-" + System.nanoTime() % 100000;

        var created = call(admin, "POST", "/api/v1/users", "{\"institutionId\":\"" + bank + "\",\"username\":\"" + username
                + "\",\"displayName\":\"陳小明\",\"email\":\"ming@example.com\",\"role\":\"institution-analyst\",\"locale\":\"zh-TW\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        String userId = body.get("user").get("id").asString();
        String password = body.get("initialPassword").asString();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(users.login(username, password)).isInstanceOf(LoginResult.Succeeded.class);

        var promoted = call(admin, "PATCH", "/api/v1/users/" + userId, "{\"role\":\"institution-admin\",\"locale\":\"en\"}");
        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(json.readTree(promoted.body()).get("role").asString()).isEqualTo("institution-admin");

        var hubRole = call(admin, "PATCH", "/api/v1/users/" + userId, "{\"role\":\"hub-admin\"}");
        assertThat(hubRole.statusCode()).isEqualTo(400);

        var reset = call(admin, "POST", "/api/v1/users/" + userId + "/password-reset", null);
        String fresh = json.readTree(reset.body()).get("password").asString();
        assertThat(users.login(username, password)).isInstanceOf(LoginResult.Rejected.class);
        assertThat(users.login(username, fresh)).isInstanceOf(LoginResult.Succeeded.class);

        var token = call(admin, "POST", "/api/v1/tokens", "{\"name\":\"SOC forwarder\",\"scopes\":[\"read\"],\"validDays\":30}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        JsonNode issued = json.readTree(token.body());
        String secret = issued.get("secret").asString();
        String tokenId = issued.get("token").get("id").asString();
        assertThat(issued.get("token").get("institutionId").asString()).isEqualTo(bank.value());
        assertThat(call(secret, "GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
        assertThat(call(admin, "GET", "/api/v1/tokens", null).body()).contains(tokenId).doesNotContain(secret);
        assertThat(call(admin, "DELETE", "/api/v1/tokens/" + tokenId, null).statusCode()).isEqualTo(200);
        assertThat(call(secret, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);

        assertThat(call(admin, "DELETE", "/api/v1/users/" + userId, null).statusCode()).isEqualTo(204);
        assertThat(users.findByUsername(username)).isEmpty();
    }

    @Test
    void readTokenCannotChangeAnything() throws Exception {
        InstitutionId bank = sector.institution("read-only", InstitutionKind.BANK);
        String reader = sector.token(bank, TokenScope.READ);
        var response = call(reader, "POST", "/api/v1/tokens", "{\"name\":\"more\",\"scopes\":[\"read\"]}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("TOKENS_MANAGE");
    }

    @Test
    void auditTrailCanBeReadAndVerifiedByTheHub() throws Exception {
        String auditor = sector.token(InstitutionId.HUB, TokenScope.AUDIT_READ);
        var page = call(auditor, "GET", "/api/v1/audit?limit=5", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(json.readTree(page.body()).size()).isEqualTo(5);
        var verified = call(auditor, "POST", "/api/v1/audit/verify", null);
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(json.readTree(verified.body()).get("intact").asBoolean()).isTrue();
        InstitutionId bank = sector.institution("no-verify", InstitutionKind.BANK);
        assertThat(call(sector.token(bank, TokenScope.AUDIT_READ), "POST", "/api/v1/audit/verify", null).statusCode())
                .isEqualTo(403);
    }

    private HttpResponse<String> call(String token, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
