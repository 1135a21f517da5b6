package org.finres.credit;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.testing.WebVisitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The credit pages in both languages: a member's ranking and ledger, the hub's view and its false positive form. */
@HubIntegrationTest
class CreditPagesIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    SharingCredit credit;

    @Test
    void aMemberSeesItsPositionAndLedgerAndTheHubMarksAFalsePositiveOnThePage() throws Exception {
        InstitutionId bank = sector.institution("credit-page", InstitutionKind.BANK);
        InstitutionId rival = sector.institution("credit-rival", InstitutionKind.BANK);
        Actor.SystemProcess setup = new Actor.SystemProcess("test-setup");
        credit.adjust(setup, rival, 700, "pilot credit");
        CreditHttp api = new CreditHttp(port, sector.token(bank, TokenScope.ADMIN));
        JsonIndicator shared = share(api);

        WebVisitor member = visitor("zh-TW", bank, Role.INSTITUTION_ANALYST);
        HttpResponse<String> ranking = member.get("/credit");
        assertThat(ranking.statusCode()).isEqualTo(200);
        assertThat(ranking.body()).contains("分享積分").contains("首報").contains("data-institution=\"" + bank.value() + "\"")
                .contains("貴機構").contains("會員 #").doesNotContain(rival.value()).doesNotContain("Test credit-rival");
        String ledger = member.get("/credit/ledger").body();
        assertThat(ledger).contains("積分明細帳").contains(shared.id()).contains("data-kind=\"FIRST_REPORT\"");
        assertThat(member.get("/credit/ledger?institution=" + rival.value()).statusCode()).isEqualTo(404);
        assertThat(member.get("/credit?month=2026-13").body()).contains("2026-13").contains("data-testid=\"month-error\"");
        HttpResponse<String> csv = member.get("/credit/ranking.csv?month=" + credit.currentMonth());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFFmonth,rank,institution,name,points").contains(bank.value());
        assertThat(member.get("/credit/false-positives").body()).doesNotContain("data-testid=\"fp-form\"");

        WebVisitor hub = visitor("en", InstitutionId.HUB, Role.HUB_ANALYST);
        assertThat(hub.get("/credit?month=" + credit.currentMonth()).body()).contains("Sharing credit").contains("First reports")
                .contains("Test credit-rival").contains("Test credit-page");
        assertThat(hub.get("/credit/ledger?institution=" + rival.value()).body()).contains("pilot credit").contains("Adjustments");
        Map<String, String> form = new LinkedHashMap<>(Map.of("indicator", "not-an-id", "reason", "typo"));
        assertThat(hub.post("/credit/false-positives", form).body()).contains("Not marked:").contains("not-an-id")
                .contains("value=\"not-an-id\"");
        form.put("indicator", shared.id());
        form.put("reason", "sinkholed by the registrar");
        HttpResponse<String> marked = hub.post("/credit/false-positives", form);
        assertThat(marked.statusCode()).isEqualTo(302);
        assertThat(hub.get("/credit/false-positives").body()).contains("false positive; its submitter was penalised")
                .contains(shared.id()).contains("sinkholed by the registrar");
        assertThat(member.get("/credit/ledger").body()).contains("data-kind=\"FALSE_POSITIVE_PENALTY\"").contains("誤報扣分");
        assertThat(member.get("/credit/false-positives").body()).contains(shared.id());

        WebVisitor regulator = visitor("en", InstitutionId.REGULATOR, Role.REGULATOR);
        assertThat(regulator.get("/credit?month=" + credit.currentMonth()).body()).contains("Test credit-rival");
    }

    record JsonIndicator(String id) {
    }

    private static JsonIndicator share(CreditHttp api) throws Exception {
        var summary = api.share("", "text/csv", "type,value,tlp\ndomain-name,page-" + UUID.randomUUID() + ".example,green\n");
        for (var o : summary.get("objects")) {
            if (o.get("outcome").asString().equals("accepted") && o.get("id").asString().startsWith("indicator--")) {
                return new JsonIndicator(o.get("id").asString());
            }
        }
        throw new AssertionError(summary.toString());
    }

    private WebVisitor visitor(String language, InstitutionId tenant, Role role) throws Exception {
        WebVisitor visitor = new WebVisitor(port, language);
        visitor.login(sector.user(tenant, role).username());
        visitor.post("/language", Map.of("lang", language, "return", "/"));
        return visitor;
    }
}
