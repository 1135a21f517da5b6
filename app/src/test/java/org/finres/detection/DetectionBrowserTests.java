package org.finres.detection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.TokenScope;
import org.finres.core.UserAccount;
import org.finres.testing.ChromiumSession;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An institution administrator triages an alert in Debian's Chromium: finds it in the list, acknowledges it,
 * closes it as a false positive, and reads the page again in Traditional Chinese, without a console error (where
 * the content security policy would report a violation).
 */
@HubIntegrationTest
class DetectionBrowserTests {

    private static final Actor.SystemProcess SETUP = new Actor.SystemProcess("test-setup");

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    RuleCatalogue catalogue;
    @Autowired
    Alerts alerts;

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    @BeforeEach
    void demoRules() {
        catalogue.importShippedPack(SETUP, "demo", RuleScope.HUB);
    }

    @Test
    void institutionAdminAcknowledgesAndClosesAnAlertAndReadsItInTraditionalChinese() throws Exception {
        InstitutionId bank = sector.institution("browser-triage", InstitutionKind.BANK);
        long id = raiseRdpAlert(bank, "198.19." + ThreadLocalRandom.current().nextInt(0, 250) + ".7");
        UserAccount admin = sector.user(bank, Role.INSTITUTION_ADMIN);
        Page page = browse("en-US");
        page.navigate("/login");
        page.locator("#username").fill(admin.username());
        page.locator("#password").fill(TestSector.PASSWORD);
        page.locator("form[action='/login'] button[type=submit]").click();
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("Dashboard");

        page.locator("nav.sidebar").getByText("Alerts").click();
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("Alerts");
        page.locator("#kind").selectOption("detection");
        page.locator("#status").selectOption("new");
        page.locator("[data-testid=alert-filters] button[type=submit]").click();
        page.locator("tr[data-id='" + id + "'] [data-testid=alert-link]").click();

        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("Denied RDP from a public address");
        PlaywrightAssertions.assertThat(page.locator(".page-header [data-testid=status]")).hasText("New");
        page.locator("[data-testid=acknowledge]").click();
        PlaywrightAssertions.assertThat(page.locator("[data-testid=triage-notice]")).hasText("Alert " + id + " acknowledged.");
        PlaywrightAssertions.assertThat(page.locator(".page-header [data-testid=status]")).hasText("Acknowledged");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=acknowledge]")).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/detection-alert-triage-en.png")));

        page.locator("#reason").selectOption("false-positive");
        page.locator("#note").fill("Our own penetration test");
        page.locator("[data-testid=close]").click();
        PlaywrightAssertions.assertThat(page.locator("[data-testid=triage-notice]")).hasText("Alert " + id + " closed.");
        PlaywrightAssertions.assertThat(page.locator(".page-header [data-testid=status]")).hasText("Closed: False positive");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=close-form]")).hasCount(0);
        PlaywrightAssertions.assertThat(page.locator("[data-testid=triage-history]")).containsText("Closed by user:" + admin.username());
        assertThat(alerts.get(SETUP, id).summary().status()).isEqualTo(AlertStatus.CLOSED);
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/detection-alert-en.png")).setFullPage(true));

        page.locator("form.language-switch button[value='zh-TW']").click();
        PlaywrightAssertions.assertThat(page.locator("html")).hasAttribute("lang", "zh-TW");
        PlaywrightAssertions.assertThat(page.locator(".page-header [data-testid=status]")).hasText("已結案：誤報");
        PlaywrightAssertions.assertThat(page.locator("#triage-heading")).hasText("研判與處置");
        PlaywrightAssertions.assertThat(page.locator("#evidence-heading")).hasText("佐證事件");
        PlaywrightAssertions.assertThat(page.locator("nav.sidebar")).containsText("告警");
        PlaywrightAssertions.assertThat(page.locator("nav.sidebar")).containsText("偵測規則");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/detection-alert-zh-TW.png")).setFullPage(true));

        page.locator("nav.sidebar").getByText("告警").click();
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("告警");
        PlaywrightAssertions.assertThat(page.locator("tr[data-id='" + id + "'] [data-testid=status]")).hasText("已結案：誤報");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/detection-alerts-zh-TW.png")).setFullPage(true));

        page.locator("nav.sidebar").getByText("偵測規則").click();
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("偵測規則");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=rule-upload]")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/detection-rules-zh-TW.png")).setFullPage(true));
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void hubAnalystUploadsIndicatorsAndARuleThroughTheForms() throws Exception {
        UserAccount analyst = sector.user(InstitutionId.HUB, Role.HUB_ANALYST);
        Page page = browse("zh-TW");
        page.navigate("/login");
        page.locator("#username").fill(analyst.username());
        page.locator("#password").fill(TestSector.PASSWORD);
        page.locator("form[action='/login'] button[type=submit]").click();
        page.locator("form.language-switch button[value='zh-TW']").click();
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("儀表板");

        page.locator("nav.sidebar").getByText("威脅指標").click();
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText("威脅指標");
        String domain = "browser-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        page.locator("#indicator-text").fill("domain," + domain + ",browser test\nipv4,300.1.1.1,bad\n");
        page.locator("#format").selectOption("csv");
        page.locator("[data-testid=indicator-upload] button[type=submit]").click();
        PlaywrightAssertions.assertThat(page.locator("[data-testid=upload-result]")).containsText("新增 1、重新啟用 0、未變更 0");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=upload-errors]")).containsText("line 2");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=indicators]")).containsText(domain);
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/detection-indicators-zh-TW.png")).setFullPage(true));

        // The multipart rule upload in a real browser: a file chooser, the CSRF field, the result on the page.
        String key = UUID.randomUUID().toString();
        Path rule = Files.createTempFile("browser-rule", ".yml");
        Files.writeString(rule, "title: Browser test rule " + key.substring(0, 8) + "\nid: " + key
                + "\nstatus: test\nlogsource:\n  category: firewall\ndetection:\n  selection:\n    dst_port: 64998\n"
                + "  condition: selection\nlevel: low\n");
        InstitutionId bank = sector.institution("browser-rules", InstitutionKind.BANK);
        page.locator("nav.sidebar").getByText("偵測規則").click();
        page.locator("#rule-file").setInputFiles(rule);
        page.locator("#upload-scope").selectOption("institution");
        page.locator("#upload-institution").selectOption(bank.value());
        page.locator("[data-testid=rule-upload] button[type=submit]").click();
        PlaywrightAssertions.assertThat(page.locator("[data-testid=import-result]")).containsText("新增 1");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=rules]")).containsText("Browser test rule " + key.substring(0, 8));
        Files.delete(rule);
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    /** A fresh browser profile (no cookies) whose Accept-Language is the given locale. */
    private Page browse(String locale) {
        return chromium.browse(port, locale);
    }

    private long raiseRdpAlert(InstitutionId bank, String address) throws Exception {
        String line = "CEF:0|Fortinet|FortiGate|7.2.5|13|traffic denied|8|rt=" + Instant.now().toEpochMilli()
                + " src=" + address + " spt=51337 dst=10.24.1.9 dpt=3389 proto=6 act=deny msg=denied by policy 12";
        HttpResponse<String> sent = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                        .header("Authorization", "Bearer " + sector.token(bank, TokenScope.EVENTS_WRITE))
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(line)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        do {
            List<AlertSummary> found = alerts.list(SETUP, new AlertQuery(bank, null, AlertKind.DETECTION, null, "RDP",
                    null, 10));
            if (!found.isEmpty()) {
                return found.getFirst().id();
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no alert for " + bank + " after 30 s");
    }
}
