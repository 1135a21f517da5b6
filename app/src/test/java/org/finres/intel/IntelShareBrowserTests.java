package org.finres.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.UserAccount;
import org.finres.testing.ChromiumSession;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The share page in Debian's Chromium: an analyst uploads a CSV file anonymously in English and sees the summary
 * with the bad row named, then pastes a MISP export in Traditional Chinese; another member's list stays empty; no
 * console error on the way.
 */
@HubIntegrationTest
class IntelShareBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    @Test
    void anAnalystSharesAFileAndAPastedExportAndSeesWhatBecameOfThem() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        InstitutionId bank = sector.institution("browser-share", InstitutionKind.BANK);
        InstitutionId other = sector.institution("browser-other", InstitutionKind.BANK);

        Page page = login(sector.user(bank, Role.INSTITUTION_ANALYST), "en-US");
        page.locator("nav.sidebar").getByText("Share intelligence").click();
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("Share intelligence");
        Path csv = Files.createTempFile("blocklist", ".csv");
        Files.writeString(csv, "type,value,tlp,confidence\ndomain-name,browser-" + u + ".example,green,70\nurl,not a url,green,\n");
        page.locator("#file").setInputFiles(csv);
        page.locator("#tlp").selectOption("green");
        page.locator("[data-testid=attribution-anonymous]").check();
        page.locator("[data-testid=share-submit]").click();
        PlaywrightAssertions.assertThat(page.locator("[data-testid=attribution]"))
                .hasText("Anonymous: the community sees the hub's anonymous identity");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=rejection-row]")).hasCount(1);
        PlaywrightAssertions.assertThat(page.locator("[data-testid=rejection-row] td").first()).hasText("line 3, column value");
        // The anonymous identity is a duplicate when an earlier test published it already.
        PlaywrightAssertions.assertThat(page.locator("[data-testid=counts]"))
                .containsText(java.util.regex.Pattern.compile("^[23] accepted, [01] duplicates, 0 corroborations, 0 withheld for anonymity, 1 rejected$"));
        PlaywrightAssertions.assertThat(page.locator("[data-testid=object-row]", new Page.LocatorOptions().setHasText("indicator--")))
                .containsText("Accepted");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/intel-share-summary-en.png")).setFullPage(true));

        page.locator("form.language-switch button[value='zh-TW']").click();
        page.navigate("/intel/share");
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("情資分享");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=submission-row]")).hasCount(1);
        page.locator("#pasted").fill("{\"Event\":{\"info\":\"ATM jackpotting " + u + "\",\"Tag\":[{\"name\":\"tlp:amber\"}],"
                + "\"Attribute\":[{\"type\":\"sha256\",\"to_ids\":true,\"value\":\""
                + "a".repeat(56) + u + "\"}]}}");
        page.locator("#format").selectOption("misp");
        page.locator("[data-testid=share-submit]").click();
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("上傳內容的處理結果");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=counts]")).containsText("已收錄");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/intel-share-summary-zh.png")).setFullPage(true));
        page.navigate("/intel/share");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=submission-row]")).hasCount(2);
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/intel-share-zh.png")).setFullPage(true));

        Page stranger = login(sector.user(other, Role.INSTITUTION_ANALYST), "en-US");
        stranger.navigate("/intel/share");
        PlaywrightAssertions.assertThat(stranger.locator("[data-testid=submission-row]")).hasCount(0);
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    private Page login(UserAccount user, String locale) {
        return chromium.signIn(port, user.username(), locale);
    }
}
