package org.finres.vault;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
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
 * The vault pages' tenancy and their one rule of their own: an approval over the web is recorded only with the
 * released share uploaded as a file.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VaultPagesIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    VaultFreshness freshness;
    @Autowired
    JdbcClient jdbc;

    VaultScenario s;
    InstitutionId outsider;

    @BeforeAll
    void scenario() {
        s = new VaultScenario(sector, new VaultHttp(port), freshness, "pages-vault");
        outsider = sector.institution("pages-outsider", InstitutionKind.BANK);
    }

    private WebVisitor visitor(InstitutionId tenant, Role role) throws Exception {
        WebVisitor v = new WebVisitor(port, "en");
        v.login(sector.user(tenant, role).username());
        return v;
    }

    @Test
    void anApprovalWithoutTheShareFileRecordsNothing() throws Exception {
        WebVisitor hub = visitor(InstitutionId.HUB, Role.HUB_ADMIN);
        String page = hub.get("/vault/restore-requests/" + s.requestId).body();
        assertThat(page).contains("data-testid=\"approve-form\"");

        var answer = hub.post("/vault/restore-requests/" + s.requestId + "/approve", Map.of("role", "HUB_OPERATOR"));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(hub.get(java.net.URI.create(answer.headers().firstValue("Location").orElseThrow()).getPath()).body())
                .contains("Approving needs the released share file; nothing was recorded.");
        assertThat(jdbc.sql("select count(*) from vault_restore_decision where request_id = cast(:id as uuid)")
                .param("id", s.requestId).query(Long.class).single()).isZero();
    }

    @Test
    void aWrongFileIsRefusedWithItsReason() throws Exception {
        WebVisitor regulator = visitor(InstitutionId.REGULATOR, Role.REGULATOR);
        regulator.get("/vault/restore-requests/" + s.requestId);
        String csrf = csrfOf(regulator.get("/vault/restore-requests/" + s.requestId).body());
        String boundary = "----vault" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"role\"\r\n\r\nREGULATOR\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"share\"; filename=\"x.frrs\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nnot a share\r\n--" + boundary + "--\r\n";
        HttpResponse<String> answer = regulator.send(HttpRequest.newBuilder(regulator.uri("/vault/restore-requests/"
                        + s.requestId + "/approve")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(regulator.get("/vault/restore-requests/" + s.requestId).body()).contains("Refused: the released share is malformed");
        assertThat(jdbc.sql("select count(*) from vault_restore_decision where request_id = cast(:id as uuid)")
                .param("id", s.requestId).query(Long.class).single()).isZero();
    }

    @Test
    void anotherInstitutionSeesNeitherTheRequestNorTheOthersFreshness() throws Exception {
        WebVisitor other = visitor(outsider, Role.INSTITUTION_ADMIN);

        assertThat(other.get("/vault/restore-requests/" + s.requestId).statusCode()).isEqualTo(404);
        String fresh = other.get("/vault").body();
        assertThat(fresh).contains(outsider.value()).doesNotContain(s.bank.value());
        assertThat(other.get("/vault/custody").body()).doesNotContain(s.bank.value()).doesNotContain(s.requestId);
        assertThat(other.get("/vault/attestations").body()).doesNotContain(s.bank.value());
    }

    @Test
    void theRestorerSeesTheRequestAndTheAnalystHasNoDecideForm() throws Exception {
        WebVisitor restorer = visitor(s.restorer, Role.INSTITUTION_ADMIN);
        WebVisitor analyst = visitor(s.bank, Role.INSTITUTION_ANALYST);

        assertThat(restorer.get("/vault/custody").body()).contains(s.requestId);
        assertThat(restorer.get("/vault/restore-requests/" + s.requestId).body()).contains("approve-form");
        String seenByAnalyst = analyst.get("/vault/restore-requests/" + s.requestId).body();
        assertThat(seenByAnalyst).contains(s.escrow.repositoryHex()).doesNotContain("approve-form");
        assertThat(analyst.post("/vault/restore-requests/" + s.requestId + "/deny",
                Map.of("role", "INSTITUTION", "reason", "no")).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from vault_restore_decision where request_id = cast(:id as uuid)")
                .param("id", s.requestId).query(Long.class).single()).isZero();
    }

    @Test
    void theHubOperatorSetsCustodyOnThePageAndTheLedgerPageShowsItsVerification() throws Exception {
        WebVisitor hub = visitor(InstitutionId.HUB, Role.HUB_ADMIN);
        InstitutionId outsider = sector.institution("pages-configured", InstitutionKind.BANK);
        String custody = hub.get("/vault/custody").body();
        assertThat(custody).contains("data-testid=\"configure-custody\"").contains(s.requestId);

        var saved = hub.post("/vault/custody/" + outsider, Map.of("threshold", "2", "restoringInstitution", s.bank.value()));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(hub.get("/vault/custody").body()).contains("Custody of " + outsider + " saved.");
        assertThat(jdbc.sql("select restoring_institution from vault_custody where institution_id = :i")
                .param("i", outsider.value()).query(String.class).single()).isEqualTo(s.bank.value());
        var whilePending = hub.post("/vault/custody/" + s.bank, Map.of("threshold", "2", "restoringInstitution", outsider.value()));
        assertThat(hub.get(java.net.URI.create(whilePending.headers().firstValue("Location").orElseThrow()).getPath())
                .body()).contains("pending restore request");

        String ledger = hub.get("/vault/attestations?institution=" + s.bank).body();
        assertThat(ledger).contains("data-testid=\"ledger-verification\"").contains("Ledger intact")
                .contains("closing_balance.TWD");
        assertThat(hub.get("/vault/drills").statusCode()).isEqualTo(200);
        WebVisitor regulator = visitor(InstitutionId.REGULATOR, Role.REGULATOR);
        assertThat(regulator.get("/vault/custody").body()).doesNotContain("configure-custody");
        assertThat(regulator.post("/vault/custody/" + outsider, Map.of("threshold", "4",
                "restoringInstitution", s.restorer.value())).statusCode()).isIn(302, 403);
        assertThat(jdbc.sql("select threshold from vault_custody where institution_id = :i")
                .param("i", outsider.value()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void anInstitutionsLedgerPageHasNoVerificationOfOthers() throws Exception {
        WebVisitor bank = visitor(s.bank, Role.INSTITUTION_ANALYST);
        String ledger = bank.get("/vault/attestations").body();
        assertThat(ledger).contains("closing_balance.TWD").doesNotContain("ledger-verification");
        assertThat(bank.post("/vault/attestations/verify", Map.of()).statusCode()).isEqualTo(403);
    }

    private static String csrfOf(String html) {
        var m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
