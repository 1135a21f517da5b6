package org.finres.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's pages in Debian's Chromium, driven by Playwright: signing in, the language switch and its memory,
 * creating an institution and an API token through the forms, and what an analyst is not offered. Every page
 * must also run without a single console error, which is where the content security policy reports violations.
 */
@HubIntegrationTest
class HubBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestSector sector;

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    /** A fresh browser profile (no cookies) whose Accept-Language is the given locale. */
    private Page browse(String locale) {
        return chromium.browse(port, locale);
    }

    private static void login(Page page, String username, String password) {
        page.navigate("/login");
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("form[action='/login'] button[type=submit]").click();
    }

    private static void expectHeading(Page page, String text) {
        PlaywrightAssertions.assertThat(page.locator("main h1")).hasText(text);
    }

    @Test
    void hubAdminSwitchesLanguageAndTheChoiceFollowsThemToTheirNextLogin() {
        UserAccount admin = sector.user(InstitutionId.HUB, Role.HUB_ADMIN);
        Page page = browse("zh-TW");

        page.navigate("/login");
        expectHeading(page, "登入");
        PlaywrightAssertions.assertThat(page.locator("html")).hasAttribute("lang", "zh-TW");

        // The account was created with English, and its preference wins over the browser's at login.
        login(page, admin.username(), TestSector.PASSWORD);
        expectHeading(page, "Dashboard");
        PlaywrightAssertions.assertThat(page.locator("html")).hasAttribute("lang", "en");

        page.locator("form.language-switch button[value='zh-TW']").click();
        expectHeading(page, "儀表板");
        PlaywrightAssertions.assertThat(page.locator("html")).hasAttribute("lang", "zh-TW");
        PlaywrightAssertions.assertThat(page.locator("nav.sidebar")).containsText("稽核軌跡");

        page.locator("form.logout button").click();
        PlaywrightAssertions.assertThat(page.locator("main")).containsText("您已登出。");

        // Another browser without the language cookie: the choice was stored on the account.
        Page elsewhere = browse("en-US");
        elsewhere.navigate("/login");
        expectHeading(elsewhere, "Sign in");
        login(elsewhere, admin.username(), TestSector.PASSWORD);
        expectHeading(elsewhere, "儀表板");
        waitForDashboard(elsewhere);
        elsewhere.screenshot(new Page.ScreenshotOptions().setPath(screenshot("hub-dashboard-zh-TW.png")).setFullPage(true));

        elsewhere.locator("form.language-switch button[value='en']").click();
        expectHeading(elsewhere, "Dashboard");
        PlaywrightAssertions.assertThat(elsewhere.locator("nav.sidebar")).containsText("Audit trail");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void hubAdminCreatesAnInstitutionAndATokenThatWorksAgainstTheApi() throws Exception {
        UserAccount admin = sector.user(InstitutionId.HUB, Role.HUB_ADMIN);
        Page page = browse("en-US");
        login(page, admin.username(), TestSector.PASSWORD);
        expectHeading(page, "Dashboard");

        page.locator("nav.sidebar").getByText("Institutions").click();
        expectHeading(page, "Institutions");
        page.locator("[data-testid=new-institution]").click();
        expectHeading(page, "New institution");

        // A bad id is refused next to its field, and nothing typed is lost.
        page.locator("#institutionId").fill("Not A Valid Id");
        page.locator("#name").fill("Browser Test Bank");
        page.locator("#kind").selectOption("bank");
        page.locator("input[name=sizeTier][value=medium]").check();
        page.locator("form.form button[type=submit]").click();
        PlaywrightAssertions.assertThat(page.locator("#institutionId-error")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#institutionId")).hasAttribute("aria-invalid", "true");
        PlaywrightAssertions.assertThat(page.locator("#name")).hasValue("Browser Test Bank");
        PlaywrightAssertions.assertThat(page.locator("#kind")).hasValue("bank");
        PlaywrightAssertions.assertThat(page.locator("input[name=sizeTier][value=medium]")).isChecked();

        String id = "browser-bank-" + UUID.randomUUID().toString().substring(0, 8);
        page.locator("#institutionId").fill(id);
        page.locator("form.form button[type=submit]").click();
        expectHeading(page, "Browser Test Bank");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=institution-id]")).hasText(id);
        PlaywrightAssertions.assertThat(page.locator(".notice")).containsText("Browser Test Bank");

        page.locator("nav.sidebar").getByText("API tokens").click();
        page.locator("[data-testid=new-token]").click();
        expectHeading(page, "New API token");
        page.locator("#institutionId").selectOption(id);
        page.locator("#name").fill("browser collector");
        page.locator("input[name=scopes][value=read]").check();
        page.locator("#validDays").fill("30");
        page.locator("form.form button[type=submit]").click();
        expectHeading(page, "Token browser collector created");
        PlaywrightAssertions.assertThat(page.locator("[data-copy-target=token-secret]")).isVisible();
        String secret = page.locator("#token-secret").inputValue();
        assertThat(secret).startsWith("frs_");

        HttpResponse<String> me = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/me"))
                        .header("Authorization", "Bearer " + secret).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"institutionId\":\"" + id + "\"");

        // The secret is not shown again: the list has the token, by name and id only.
        page.navigate("/tokens?institution=" + id);
        Locator row = page.locator("tbody tr", new Page.LocatorOptions().setHasText("browser collector"));
        PlaywrightAssertions.assertThat(row).containsText("active");
        assertThat(page.content()).doesNotContain(secret);

        // htmx posts carry the CSRF token too: the chain verification answers in place.
        page.navigate("/audit");
        page.locator("[data-testid=verify-chain]").click();
        PlaywrightAssertions.assertThat(page.locator("[data-testid=verification]")).containsText("Chain intact");

        page.navigate("/");
        waitForDashboard(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshot("hub-dashboard.png")).setFullPage(true));
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void wrongPasswordShowsTheError() {
        UserAccount user = sector.user(InstitutionId.HUB, Role.HUB_ANALYST);
        Page page = browse("en-US");
        login(page, user.username(), "not the password at all");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=login-error]")).hasText("Wrong username or password.");
        PlaywrightAssertions.assertThat(page.locator("#username")).isVisible();
        assertThat(page.url()).endsWith("/login?error=bad");
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    @Test
    void institutionAnalystIsNotOfferedInstitutionManagement() {
        InstitutionId bank = sector.institution("analystbank", InstitutionKind.BANK);
        UserAccount analyst = sector.user(bank, Role.INSTITUTION_ANALYST);
        Page page = browse("en-US");
        login(page, analyst.username(), TestSector.PASSWORD);
        expectHeading(page, "Dashboard");

        Locator menu = page.locator("nav.sidebar");
        PlaywrightAssertions.assertThat(menu).containsText("Institutions");
        PlaywrightAssertions.assertThat(menu).not().containsText("API tokens");
        PlaywrightAssertions.assertThat(menu).not().containsText("Audit trail");

        menu.getByText("Institutions").click();
        expectHeading(page, "Institutions");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=new-institution]")).hasCount(0);
        PlaywrightAssertions.assertThat(page.locator("tbody tr")).hasCount(1);
        page.locator("tbody tr a").click();
        PlaywrightAssertions.assertThat(page.locator("[data-testid=institution-id]")).hasText(bank.value());
        PlaywrightAssertions.assertThat(page.locator("[data-testid=edit-institution]")).hasCount(0);
        PlaywrightAssertions.assertThat(page.locator("form[action$='/delete']")).hasCount(0);

        Response refused = page.navigate("/institutions/new");
        assertThat(refused.status()).isEqualTo(403);
        expectHeading(page, "You may not open this page");
        Response edit = page.navigate("/institutions/" + bank.value() + "/edit");
        assertThat(edit.status()).isEqualTo(403);
        assertThat(chromium.consoleErrors()).allSatisfy(error -> assertThat(error).contains("403"));
    }

    /** A file in the app module's target folder, wherever the build runs the tests from. */
    private static Path screenshot(String name) {
        try {
            Path testClasses = Paths.get(HubBrowserTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().resolve(name);
        } catch (URISyntaxException e) {
            return Paths.get("target", name);
        }
    }

    /** The dashboard is complete once the chart is drawn and the audit chain checked. */
    private static void waitForDashboard(Page page) {
        PlaywrightAssertions.assertThat(page.locator("#kind-chart")).hasAttribute("data-rendered", "true");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=audit-chain]")).isVisible();
    }
}
