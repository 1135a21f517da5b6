package org.finres.resilience;

import java.util.List;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.testing.WebVisitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resilience pages in both languages: every page renders for the bank, the graph marks the hidden single point
 * of failure, a refused upload lists its problems by line, the regulator lands on the sector page and reaches no
 * member's pages, and another member's operation is not found.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResiliencePagesIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;

    InstitutionId bank;
    String operation;

    @BeforeAll
    void bankWithRegisterAndOperation() {
        ResilienceHttp http = new ResilienceHttp(port);
        bank = sector.institution("res-pages-bank", InstitutionKind.BANK);
        String admin = sector.token(bank, TokenScope.ADMIN);
        assertThat(http.yaml(admin, "PUT", "/api/v1/resilience/register", ResilienceFixtures.demoBank(bank)).status())
                .isEqualTo(201);
        operation = http.json(admin, "POST", "/api/v1/resilience/operations",
                Map.of("kind", "DRILL", "title", "Carrier drill", "scenario", "lost:hinet")).json().get("id").asString();
    }

    private WebVisitor visitor(InstitutionId tenant, Role role, String language) throws Exception {
        WebVisitor v = new WebVisitor(port, language);
        v.login(sector.user(tenant, role).username());
        return v;
    }

    @Test
    void everyPageRendersInEnglishAndTraditionalChinese() throws Exception {
        Map<String, List<String>> headings = Map.of(
                "en", List.of("Resilience register", "Dependency graph", "Resilience analysis",
                        "Severe but plausible scenarios", "Failover drills", "Command view", "Resilience reports",
                        "Carrier drill"),
                "zh-TW", List.of("韌性登錄冊", "相依圖", "韌性分析", "嚴重但可能發生的情境", "切換演練", "指揮看板",
                        "韌性報告", "Carrier drill"));
        List<String> pages = List.of("/resilience", "/resilience/graph", "/resilience/analysis", "/resilience/scenarios",
                "/resilience/drills", "/resilience/operations", "/resilience/reports", "/resilience/operations/" + operation);
        for (var language : headings.entrySet()) {
            WebVisitor v = visitor(bank, Role.INSTITUTION_ADMIN, language.getKey());
            v.post("/language", Map.of("lang", language.getKey()));
            for (int i = 0; i < pages.size(); i++) {
                var page = v.get(pages.get(i));
                assertThat(page.statusCode()).as(pages.get(i)).isEqualTo(200);
                assertThat(page.body()).as(language.getKey() + " " + pages.get(i)).contains(language.getValue().get(i));
                assertThat(page.body()).doesNotContain("??resilience");
            }
            var scenario = v.get("/resilience/scenarios?scenario=region-supplier:cloud-east,core-vendor");
            assertThat(scenario.body()).contains("data-testid=\"scenario-outcome\"").contains("online-banking");
            var report = v.get("/resilience/reports/institution.html");
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.body()).contains("hinet").doesNotContain("<script");
        }
    }

    @Test
    void aMonteCarloRunStartedOnThePageShowsItsProgressUntilDone() throws Exception {
        WebVisitor v = visitor(bank, Role.INSTITUTION_ANALYST, "en");
        v.get("/resilience/scenarios");
        var started = v.post("/resilience/monte-carlo", Map.of("trials", "2000", "seed", "42"));
        assertThat(started.statusCode()).isEqualTo(302);
        String job = java.net.URI.create(started.headers().firstValue("Location").orElseThrow()).getPath();
        assertThat(job).startsWith("/resilience/monte-carlo/");
        String page = v.get(job).body();
        assertThat(page).contains("data-testid=\"monte-carlo-job\"").contains("of 2,000 trials");
        String fragment = "";
        for (int i = 0; i < 300 && !fragment.contains("data-state=\"DONE\""); i++) {
            Thread.sleep(100);
            fragment = v.send(java.net.http.HttpRequest.newBuilder(v.uri(job)).header("HX-Request", "true").GET()
                    .build()).body();
            assertThat(fragment).doesNotContain("<html");
        }
        assertThat(fragment).contains("data-state=\"DONE\"").contains("2,000 of 2,000 trials")
                .contains("data-testid=\"monte-carlo-result\"").doesNotContain("hx-trigger");
        assertThat(v.post("/resilience/monte-carlo", Map.of("trials", "0")).headers().firstValue("Location")
                .orElseThrow()).endsWith("/resilience/scenarios");
    }

    @Test
    void theGraphMarksTheHiddenSinglePointOfFailureAndTheRedundancyGroups() throws Exception {
        String page = visitor(bank, Role.INSTITUTION_ANALYST, "en").get("/resilience/graph").body();
        assertThat(page).contains("<svg").contains("data-testid=\"dependency-graph\"");
        assertThat(page).containsPattern("class=\"node layer-network-carrier spof spof-hidden\" data-element=\"hinet\" data-spof=\"hidden\"");
        assertThat(page).contains("data-element=\"dc-taipei\" data-spof=\"no\"");
        assertThat(page).contains("data-group=\"payment-app-pair\"").contains(">payment-app-pair (active-active)</text>");
    }

    @Test
    void aRefusedUploadListsItsProblemsByLine() throws Exception {
        WebVisitor v = visitor(bank, Role.INSTITUTION_ADMIN, "en");
        v.get("/resilience");
        var answer = v.post("/resilience/register", Map.of("text", ResilienceFixtures.small(bank,
                ResilienceFixtures.ONE_SERVICE, "  - id: app-a\n    layer: application\n    rto: -5m\n")));
        assertThat(answer.statusCode()).isEqualTo(302);
        String page = v.get("/resilience").body();
        assertThat(page).contains("data-testid=\"register-problems\"").contains("line 13, column")
                .contains("rto is negative");
        assertThat(visitor(bank, Role.INSTITUTION_ANALYST, "en").get("/resilience").body())
                .doesNotContain("data-testid=\"upload-form\"");
    }

    @Test
    void theRegulatorLandsOnTheSectorPageAndReachesNoMembersPages() throws Exception {
        WebVisitor regulator = visitor(InstitutionId.REGULATOR, Role.REGULATOR, "en");
        var landing = regulator.get("/resilience");
        assertThat(landing.statusCode()).isEqualTo(302);
        assertThat(landing.headers().firstValue("Location").orElseThrow()).endsWith("/resilience/sector");
        String sectorPage = regulator.get("/resilience/sector").body();
        assertThat(sectorPage).contains("Sector resilience").contains("carrier:hinet").contains(bank.value());
        for (String path : List.of("/resilience/graph", "/resilience/analysis", "/resilience/register/export",
                "/resilience/operations/" + operation)) {
            var answer = regulator.get(path);
            assertThat(answer.statusCode()).as(path).isIn(302, 403, 404);
            if (answer.statusCode() == 302) {
                assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/resilience/sector");
            }
            assertThat(answer.body()).doesNotContain("payment-app-tpe");
        }
    }

    @Test
    void anotherMembersOperationIsNotFound() throws Exception {
        InstitutionId other = sector.institution("res-pages-other", InstitutionKind.BANK);
        WebVisitor v = visitor(other, Role.INSTITUTION_ADMIN, "en");
        assertThat(v.get("/resilience/operations/" + operation).statusCode()).isEqualTo(404);
        assertThat(v.post("/resilience/operations/" + operation + "/steps", Map.of("element", "hinet")).statusCode())
                .isIn(302, 404);
        assertThat(v.get("/resilience").body()).contains("data-testid=\"no-register\"");
    }
}
