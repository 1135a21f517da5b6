package org.finres.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.finres.core.InstitutionId;
import org.finres.core.Role;
import org.finres.core.UserAccount;
import org.finres.testing.ChromiumSession;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.vault.engine.custody.CustodianRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vault pages in Debian's Chromium: the hub administrator reads freshness and approves a restore request by
 * uploading its released share in English, the regulator approves in Traditional Chinese, and the third approval
 * makes the request approved; no console error on the way (where the content security policy would report one).
 */
@HubIntegrationTest
class VaultBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    VaultFreshness freshness;

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    @Test
    void custodiansReadFreshnessAndApproveARestoreWithTheirSharesInBothLanguages() throws Exception {
        VaultHttp http = new VaultHttp(port);
        VaultScenario s = new VaultScenario(sector, http, freshness, "browser-vault");

        // The hub administrator, in English.
        Page hub = login(sector.user(InstitutionId.HUB, Role.HUB_ADMIN), "en-US");
        hub.locator("nav.sidebar").getByText("Data safe harbour").click();
        PlaywrightAssertions.assertThat(hub.locator("main h1")).hasText("Vault freshness");
        PlaywrightAssertions.assertThat(hub.locator("tr[data-institution='" + s.bank + "'] [data-testid=freshness-status]"))
                .hasText("Fresh");
        PlaywrightAssertions.assertThat(hub.locator("tr[data-institution='" + s.restorer + "'] [data-testid=freshness-status]"))
                .hasText("Missing");
        hub.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/vault-freshness-en.png")).setFullPage(true));

        hub.locator("nav.button-row").getByText("Custody").click();
        PlaywrightAssertions.assertThat(hub.locator("main h1")).hasText("Key custody");
        hub.locator("tr[data-id='" + s.requestId + "'] [data-testid=request-link]").click();
        PlaywrightAssertions.assertThat(hub.locator("[data-testid=request-status]")).hasText("Pending");
        PlaywrightAssertions.assertThat(hub.locator("#decide-heading")).hasText("Decide as Hub operator");
        hub.locator("#share").setInputFiles(shareFile(s.share(CustodianRole.HUB_OPERATOR)));
        hub.locator("[data-testid=approve]").click();
        PlaywrightAssertions.assertThat(hub.locator("[data-testid=vault-notice]")).hasText("Approval recorded (1/3).");
        PlaywrightAssertions.assertThat(hub.locator("[data-testid=approvals]")).hasText("1 of 3");
        PlaywrightAssertions.assertThat(hub.locator("[data-testid=decide]")).hasCount(0);
        hub.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/vault-request-en.png")).setFullPage(true));

        hub.locator("form.language-switch button[value='zh-TW']").click();
        PlaywrightAssertions.assertThat(hub.locator("[data-testid=request-status]")).hasText("待決定");
        hub.locator("nav.sidebar").getByText("資料保管庫").click();
        PlaywrightAssertions.assertThat(hub.locator("main h1")).hasText("保管時效");
        PlaywrightAssertions.assertThat(hub.locator("tr[data-institution='" + s.bank + "'] [data-testid=freshness-status]"))
                .hasText("已更新");
        hub.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/vault-freshness-zh-TW.png")).setFullPage(true));

        // The regulator, in Traditional Chinese.
        Page regulator = login(sector.user(InstitutionId.REGULATOR, Role.REGULATOR), "zh-TW");
        // A user's language is remembered per user (English for test users): switch as a visitor would.
        regulator.locator("form.language-switch button[value='zh-TW']").click();
        regulator.navigate("/vault/restore-requests/" + s.requestId);
        PlaywrightAssertions.assertThat(regulator.locator("#decide-heading")).hasText("以主管機關身分決定");
        regulator.locator("#share").setInputFiles(shareFile(s.share(CustodianRole.REGULATOR)));
        regulator.locator("[data-testid=approve]").click();
        PlaywrightAssertions.assertThat(regulator.locator("[data-testid=vault-notice]")).hasText("已記錄核准（2/3）。");

        // The institution's own approval, through the API as its custody tool would send it.
        assertThat(http.post(s.bankAdmin, "/api/v1/vault/restore-requests/" + s.requestId + "/approvals",
                Map.of("role", "INSTITUTION", "releasedShare", VaultScenario.b64(s.share(CustodianRole.INSTITUTION))))
                .status()).isEqualTo(201);
        regulator.reload();
        PlaywrightAssertions.assertThat(regulator.locator("[data-testid=request-status]")).hasText("已核准");
        PlaywrightAssertions.assertThat(regulator.locator("[data-testid=decision-row]")).hasCount(3);
        regulator.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/vault-request-zh-TW.png")).setFullPage(true));

        regulator.locator("nav.button-row").getByText("保管證明").click();
        PlaywrightAssertions.assertThat(regulator.locator("[data-testid=ledger-verification]")).containsText("帳本完整");
        regulator.locator("[data-testid=verify-ledger]").click();
        PlaywrightAssertions.assertThat(regulator.locator("[data-testid=ledger-verification]")).containsText("帳本完整");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    private Page login(UserAccount user, String locale) {
        return chromium.signIn(port, user.username(), locale);
    }

    private static Path shareFile(byte[] share) throws Exception {
        Path file = Files.createTempFile("released-share", ".frrs");
        Files.write(file, share);
        file.toFile().deleteOnExit();
        return file;
    }
}
