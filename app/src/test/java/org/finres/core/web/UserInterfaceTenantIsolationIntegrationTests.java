package org.finres.core.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.finres.core.ApiTokens;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.Role;
import org.finres.core.TokenId;
import org.finres.core.TokenScope;
import org.finres.core.UserAccount;
import org.finres.core.UserAccounts;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.testing.WebVisitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant-isolation matrix through the web pages: the admin and the analyst of institution A, logged in,
 * try every page and form on institution B's institution record, users and tokens. Each is refused (403/404)
 * or shows only A's own data, nothing of B changes, and every refusal is in the audit trail.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserInterfaceTenantIsolationIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Institutions institutions;
    @Autowired
    UserAccounts users;
    @Autowired
    ApiTokens tokens;

    InstitutionId a;
    InstitutionId b;
    UserAccount userOfB;
    TokenId tokenOfB;

    @BeforeAll
    void setUp() {
        a = sector.institution("ui-attacker", InstitutionKind.SECURITIES);
        b = sector.institution("ui-victim", InstitutionKind.BANK);
        userOfB = sector.user(b, Role.INSTITUTION_ANALYST);
        tokenOfB = new TokenId(sector.token(b, TokenScope.READ).substring(4, 20));
    }

    record Attempt(String method, String path, Map<String, String> form) {
    }

    @Test
    void institutionUsersCannotReachAnotherInstitutionThroughThePages() throws Exception {
        List<Attempt> attempts = List.of(
                new Attempt("GET", "/institutions/" + b, null),
                new Attempt("GET", "/institutions/" + b + "/edit", null),
                new Attempt("POST", "/institutions/" + b + "/edit", Map.of("name", "Taken over", "kind", "bank", "sizeTier", "small")),
                new Attempt("POST", "/institutions/" + b + "/delete", Map.of()),
                new Attempt("GET", "/users/new?institution=" + b, null),
                new Attempt("POST", "/users/new", Map.of("institutionId", b.value(), "username", "rogue-ui",
                        "displayName", "Rogue", "role", "institution-admin", "locale", "en")),
                new Attempt("GET", "/users/" + userOfB.id(), null),
                new Attempt("POST", "/users/" + userOfB.id(), Map.of("displayName", "Hacked", "email", "", "role", "institution-admin")),
                new Attempt("POST", "/users/" + userOfB.id() + "/enabled", Map.of("enabled", "false")),
                new Attempt("POST", "/users/" + userOfB.id() + "/password-reset", Map.of()),
                new Attempt("POST", "/users/" + userOfB.id() + "/delete", Map.of()),
                new Attempt("GET", "/tokens/new?institution=" + b, null),
                new Attempt("POST", "/tokens/new", Map.of("institutionId", b.value(), "name", "rogue", "scopes", "read",
                        "validDays", "30")),
                new Attempt("POST", "/tokens/" + tokenOfB + "/revoke", Map.of()));
        for (Role role : List.of(Role.INSTITUTION_ADMIN, Role.INSTITUTION_ANALYST)) {
            UserAccount attacker = sector.user(a, role);
            WebVisitor visitor = new WebVisitor(port, "en");
            visitor.login(attacker.username());
            for (Attempt attempt : attempts) {
                long deniedBefore = denied(attacker);
                HttpResponse<String> response = attempt.form() == null ? visitor.get(attempt.path())
                        : visitor.post(attempt.path(), attempt.form());
                String what = role.code() + " " + attempt.method() + " " + attempt.path();
                assertThat(response.statusCode()).as(what).isIn(403, 404);
                assertThat(response.body()).as(what).doesNotContain(userOfB.username()).doesNotContain("Test ui-victim");
                assertThat(denied(attacker)).as(what + " audited").isGreaterThan(deniedBefore);
                assertVictimUntouched();
            }
            // Lists never show B's people or tokens, whatever filter is asked for.
            for (String list : List.of("/users?institution=" + b, "/tokens?institution=" + b, "/audit?institution=" + b,
                    "/institutions")) {
                HttpResponse<String> page = visitor.get(list);
                assertThat(page.statusCode()).as(list).isIn(200, 403, 404);
                assertThat(page.body()).as(role.code() + " " + list).doesNotContain(userOfB.username())
                        .doesNotContain(tokenOfB.value()).doesNotContain("Test ui-victim");
            }
        }
    }

    @Test
    void validationErrorsAreSaidInTheVisitorsLanguage() throws Exception {
        UserAccount hubAdmin = sector.user(InstitutionId.HUB, Role.HUB_ADMIN);
        for (var language : Map.of("zh-TW", "須為 2 至 63 個小寫英文字母", "en", "must be 2-63 lower-case letters").entrySet()) {
            WebVisitor visitor = new WebVisitor(port, language.getKey());
            visitor.login(hubAdmin.username());
            // The language is remembered per user, so each round chooses it explicitly.
            visitor.post("/language", Map.of("lang", language.getKey(), "return", "/"));
            HttpResponse<String> page = visitor.post("/institutions/new", Map.of("institutionId", "Bad Id!", "name",
                    "Valid Name", "kind", "bank", "sizeTier", "small"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).as(language.getKey()).contains(language.getValue()).contains("Valid Name");
        }
    }

    private long denied(UserAccount attacker) {
        return jdbc.sql("select count(*) from audit_log where action = 'access.denied' and actor = :a")
                .param("a", "user:" + attacker.username()).query(Long.class).single();
    }

    private void assertVictimUntouched() {
        assertThat(institutions.find(b).orElseThrow().name()).isEqualTo("Test ui-victim");
        UserAccount user = users.find(userOfB.id()).orElseThrow();
        assertThat(user.enabled()).isTrue();
        assertThat(user.displayName()).isEqualTo(userOfB.displayName());
        assertThat(tokens.find(tokenOfB).orElseThrow().revokedAt()).isNull();
        assertThat(jdbc.sql("select count(*) from app_user where institution_id = :b").param("b", b.value())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from api_token where institution_id = :b").param("b", b.value())
                .query(Long.class).single()).isEqualTo(1);
    }
}
