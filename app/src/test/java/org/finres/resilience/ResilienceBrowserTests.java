package org.finres.resilience;

import java.nio.file.Paths;
import java.util.Map;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.TokenScope;
import org.finres.core.UserAccount;
import org.finres.testing.ChromiumSession;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resilience pages in Debian's Chromium: the graph page draws the register as SVG with the hidden single point
 * of failure highlighted, and the command view marks a restoration step done, moving the next steps on; no console
 * error on the way (where the content security policy would report one).
 */
@HubIntegrationTest
class ResilienceBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    @Test
    void theGraphHighlightsTheHiddenSpofAndTheCommandViewMarksAStepDone() {
        InstitutionId bank = sector.institution("res-browser-bank", InstitutionKind.BANK);
        ResilienceHttp http = new ResilienceHttp(port);
        String admin = sector.token(bank, TokenScope.ADMIN);
        assertThat(http.yaml(admin, "PUT", "/api/v1/resilience/register", ResilienceFixtures.demoBank(bank)).status())
                .isEqualTo(201);
        String operation = http.json(admin, "POST", "/api/v1/resilience/operations",
                Map.of("kind", "DRILL", "title", "Carrier outage drill", "scenario", "lost:hinet")).json().get("id")
                .asString();

        Page page = login(sector.user(bank, Role.INSTITUTION_ANALYST), "en-US");
        page.locator("nav.sidebar").getByText("Operational resilience").click();
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("Resilience register");
        page.locator("nav.button-row").getByText("Graph").click();
        PlaywrightAssertions.assertThat(page.locator("svg[data-testid=dependency-graph]")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("svg g[data-element=hinet]")).hasAttribute("data-spof", "hidden");
        PlaywrightAssertions.assertThat(page.locator("svg g[data-element=hinet] rect")).hasAttribute("stroke", "#dc2626");
        PlaywrightAssertions.assertThat(page.locator("svg g[data-element=hinet]")).containsText("hidden single point of failure");
        PlaywrightAssertions.assertThat(page.locator("svg line.edge-redundant").first()).isVisible();
        assertThat(page.locator("svg g.node").count()).isEqualTo(19);
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/resilience-graph-en.png")).setFullPage(true));

        page.navigate("/resilience/operations/" + operation);
        PlaywrightAssertions.assertThat(page.locator("[data-testid=next-steps] li").first()).hasAttribute("data-element", "hinet");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=cell-retail-payments-dc-taipei]")).hasText("down");
        page.locator("[data-testid=step-hinet]").click();
        PlaywrightAssertions.assertThat(page.locator("[data-testid=all-steps] li[data-element=hinet]"))
                .hasAttribute("data-done", "true");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=next-steps] li[data-element=hinet]")).hasCount(0);
        PlaywrightAssertions.assertThat(page.locator("[data-testid=cell-retail-payments-dc-taipei]")).hasText("up");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/resilience-command-en.png")).setFullPage(true));

        page.locator("form.language-switch button[value='zh-TW']").click();
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("Carrier outage drill");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=all-steps] li[data-element=hinet] .badge")).hasText("完成");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    private Page login(UserAccount user, String locale) {
        return chromium.signIn(port, user.username(), locale);
    }
}
