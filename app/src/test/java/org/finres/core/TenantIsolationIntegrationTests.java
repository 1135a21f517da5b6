package org.finres.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attacker is institution A, with every role and token scope it can have; the target is institution B.
 * Every endpoint that touches B's resources must refuse (403 or 404), change nothing, and leave an
 * {@code access.denied} record in the audit trail naming the attacker.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIntegrationTests {

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

    final HttpClient http = HttpClient.newHttpClient();

    InstitutionId a;
    InstitutionId b;
    UserAccount userOfB;
    String tokenOfB;
    TokenId tokenIdOfB;
    List<Attacker> attackers;

    record Attacker(String label, String secret, String auditName) {
        @Override
        public String toString() {
            return label;
        }
    }

    record Attempt(String label, String method, String path, String body) {
        @Override
        public String toString() {
            return label;
        }
    }

    @BeforeAll
    void setUp() {
        a = sector.institution("attacker", InstitutionKind.BANK);
        b = sector.institution("victim", InstitutionKind.INSURANCE);
        userOfB = sector.user(b, Role.INSTITUTION_ADMIN);
        tokenOfB = sector.token(b, TokenScope.READ);
        tokenIdOfB = new TokenId(tokenOfB.substring(4, 20));
        attackers = new ArrayList<>();
        for (TokenScope scope : TokenScope.values()) {
            String secret = sector.token(a, scope);
            attackers.add(new Attacker("token " + scope.code(), secret, "token:" + secret.substring(4, 20)));
        }
    }

    Stream<Arguments> matrix() {
        List<Attempt> attempts = List.of(
                new Attempt("read B", "GET", "/api/v1/institutions/" + b, null),
                new Attempt("update B", "PUT", "/api/v1/institutions/" + b,
                        "{\"name\":\"Taken over\",\"kind\":\"insurance\",\"sizeTier\":\"small\"}"),
                new Attempt("delete B", "DELETE", "/api/v1/institutions/" + b, null),
                new Attempt("create institution", "POST", "/api/v1/institutions",
                        "{\"id\":\"rogue-" + System.nanoTime() + "\",\"name\":\"Rogue\",\"kind\":\"bank\",\"sizeTier\":\"small\"}"),
                new Attempt("list B's users", "GET", "/api/v1/users?institution=" + b, null),
                new Attempt("create user in B", "POST", "/api/v1/users",
                        "{\"institutionId\":\"" + b + "\",\"username\":\"rogue-" + System.nanoTime()
                                + "\",\"displayName\":\"Rogue\",\"role\":\"institution-admin\"}"),
                new Attempt("read B's user", "GET", "/api/v1/users/" + userOfB.id(), null),
                new Attempt("update B's user", "PATCH", "/api/v1/users/" + userOfB.id(), "{\"enabled\":false}"),
                new Attempt("delete B's user", "DELETE", "/api/v1/users/" + userOfB.id(), null),
                new Attempt("reset B's password", "POST", "/api/v1/users/" + userOfB.id() + "/password-reset", null),
                new Attempt("list B's tokens", "GET", "/api/v1/tokens?institution=" + b, null),
                new Attempt("issue token for B", "POST", "/api/v1/tokens",
                        "{\"institutionId\":\"" + b + "\",\"name\":\"Rogue\",\"scopes\":[\"read\"]}"),
                new Attempt("read B's token", "GET", "/api/v1/tokens/" + tokenIdOfB, null),
                new Attempt("revoke B's token", "DELETE", "/api/v1/tokens/" + tokenIdOfB, null),
                new Attempt("read B's audit trail", "GET", "/api/v1/audit?institution=" + b, null));
        return attackers.stream().flatMap(attacker -> attempts.stream().map(attempt -> Arguments.of(attacker, attempt)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrix")
    void institutionCannotReachAnotherInstitutionsResources(Attacker attacker, Attempt attempt) throws Exception {
        long deniedBefore = deniedCount(attacker);

        HttpResponse<String> response = send(attacker.secret(), attempt);

        assertThat(response.statusCode()).as(response.body()).isIn(403, 404);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("problem+json");
        assertThat(deniedCount(attacker)).as("access.denied recorded").isEqualTo(deniedBefore + 1);
        assertVictimUntouched();
    }

    @Test
    void listingsShowOnlyTheCallersOwnTenant() throws Exception {
        for (Attacker attacker : attackers) {
            String institutionsList = send(attacker.secret(), new Attempt("", "GET", "/api/v1/institutions", null)).body();
            if (!institutionsList.startsWith("{")) {
                assertThat(institutionsList).contains(a.value()).doesNotContain(b.value());
            }
            HttpResponse<String> usersList = send(attacker.secret(), new Attempt("", "GET", "/api/v1/users", null));
            if (usersList.statusCode() == 200) {
                assertThat(usersList.body()).doesNotContain(userOfB.username()).doesNotContain(b.value());
            }
            HttpResponse<String> tokensList = send(attacker.secret(), new Attempt("", "GET", "/api/v1/tokens", null));
            if (tokensList.statusCode() == 200) {
                assertThat(tokensList.body()).doesNotContain(tokenIdOfB.value());
            }
            HttpResponse<String> auditList = send(attacker.secret(), new Attempt("", "GET", "/api/v1/audit?limit=500", null));
            if (auditList.statusCode() == 200) {
                assertThat(auditList.body()).doesNotContain("\"targetInstitution\":\"" + b + "\"");
            }
        }
    }

    @Test
    void institutionAdminUserIsRefusedEveryOperationOnAnotherTenant() {
        for (Role role : List.of(Role.INSTITUTION_ADMIN, Role.INSTITUTION_ANALYST)) {
            UserAccount account = sector.user(a, role);
            Actor actor = new Actor.User(account.id(), account.username(), a, InstitutionKind.BANK, role);
            long before = jdbc.sql("select count(*) from audit_log where action = 'access.denied' and actor = :a")
                    .param("a", actor.auditName()).query(Long.class).single();
            List<Runnable> attempts = List.of(
                    () -> institutions.get(actor, b),
                    () -> institutions.update(actor, b, new Institutions.Draft("X", InstitutionKind.INSURANCE, SizeTier.SMALL)),
                    () -> institutions.delete(actor, b),
                    () -> users.list(actor, b),
                    () -> users.get(actor, userOfB.id()),
                    () -> users.create(actor, new UserAccounts.Draft(b, "rogue-" + role.code(), "Rogue", null,
                            Role.INSTITUTION_ADMIN, Locale.ENGLISH, null)),
                    () -> users.update(actor, userOfB.id(), new UserAccounts.Changes(null, null, null, false, null)),
                    () -> users.delete(actor, userOfB.id()),
                    () -> users.resetPassword(actor, userOfB.id()),
                    () -> tokens.list(actor, b),
                    () -> tokens.get(actor, tokenIdOfB),
                    () -> tokens.revoke(actor, tokenIdOfB));
            for (Runnable attempt : attempts) {
                assertThatThrownBy(attempt::run).isInstanceOfAny(NotFoundException.class, AccessRefusedException.class);
            }
            long after = jdbc.sql("select count(*) from audit_log where action = 'access.denied' and actor = :a")
                    .param("a", actor.auditName()).query(Long.class).single();
            assertThat(after - before).as("every refusal of " + role.code() + " audited").isEqualTo(attempts.size());
            assertVictimUntouched();
        }
    }

    private void assertVictimUntouched() {
        Institution victim = institutions.find(b).orElseThrow();
        assertThat(victim.name()).isEqualTo("Test victim");
        UserAccount user = users.find(userOfB.id()).orElseThrow();
        assertThat(user.enabled()).isTrue();
        assertThat(tokens.find(tokenIdOfB).orElseThrow().revokedAt()).isNull();
        assertThat(jdbc.sql("select count(*) from app_user where institution_id = :b").param("b", b.value())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from api_token where institution_id = :b").param("b", b.value())
                .query(Long.class).single()).isEqualTo(1);
    }

    private long deniedCount(Attacker attacker) {
        return jdbc.sql("select count(*) from audit_log where action = 'access.denied' and actor = :actor")
                .param("actor", attacker.auditName()).query(Long.class).single();
    }

    private HttpResponse<String> send(String secret, Attempt attempt) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + attempt.path()))
                .header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .method(attempt.method(), attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(attempt.body()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
