package org.finres.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.UserAccount;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.testing.WebVisitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web shell and the core pages over plain HTTP: every page renders for every kind of user in both languages
 * with no missing message, refusals and unknown pages get their error pages, and forms keep what was typed.
 */
@HubIntegrationTest
class WebShellIntegrationTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    TestSector sector;

    @Test
    void loginPageSpeaksTheBrowsersLanguage() throws Exception {
        WebVisitor english = new WebVisitor(port, "en-GB,en;q=0.8");
        HttpResponse<String> page = english.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"en\">", "Sign in", "Financial Cyber-Resilience Platform");

        WebVisitor chinese = new WebVisitor(port, "zh-TW,zh;q=0.9");
        assertThat(chinese.get("/login").body()).contains("<html lang=\"zh-TW\">", "登入", "金融資安韌性平台");
    }

    @Test
    void loginPageExplainsEachFailureAndTheLogout() throws Exception {
        WebVisitor visitor = new WebVisitor(port, "en");
        assertThat(visitor.get("/login?error=bad").body()).contains("Wrong username or password.");
        assertThat(visitor.get("/login?error=locked").body()).contains("This account is locked");
        assertThat(visitor.get("/login?error=disabled").body()).contains("This account is disabled");
        assertThat(visitor.get("/login?logout").body()).contains("You have been logged out.");
    }

    @Test
    void pagesAreServedWithTheirScriptsStylesAndAStrictPolicy() throws Exception {
        WebVisitor visitor = new WebVisitor(port, "en");
        HttpResponse<String> login = visitor.get("/login");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "style-src 'self'");
        assertThat(login.body()).doesNotContain("style=\"", "<style", "onclick=", "onload=");
        for (String asset : new String[] {"/css/app.css", "/js/app.js", "/js/dashboard.js", "/img/favicon.svg",
                "/webjars/htmx.org/dist/htmx.min.js", "/webjars/echarts/echarts.min.js"}) {
            assertThat(visitor.get(asset).statusCode()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void everyPageRendersForEveryRoleInBothLanguagesWithoutAMissingMessage() throws Exception {
        InstitutionId bank = sector.institution("pagesbank", InstitutionKind.BANK);
        UserAccount hubAdmin = sector.user(InstitutionId.HUB, Role.HUB_ADMIN);
        UserAccount bankAdmin = sector.user(bank, Role.INSTITUTION_ADMIN);
        UserAccount bankAnalyst = sector.user(bank, Role.INSTITUTION_ANALYST);
        UserAccount regulator = sector.user(InstitutionId.REGULATOR, Role.REGULATOR);
        sector.token(bank, org.finres.core.TokenScope.READ);

        Map<UserAccount, String[]> pages = new LinkedHashMap<>();
        pages.put(hubAdmin, new String[] {"/", "/institutions", "/institutions/new", "/institutions/" + bank.value(),
                "/institutions/" + bank.value() + "/edit", "/institutions/hub/edit", "/users", "/users?institution=" + bank.value(),
                "/users/new", "/users/new?institution=" + bank.value(), "/users/" + bankAnalyst.id(), "/tokens",
                "/tokens/new", "/audit", "/audit?action=login.", "/profile", "/dashboard/audit-chain"});
        pages.put(bankAdmin, new String[] {"/", "/institutions", "/institutions/" + bank.value(), "/users", "/users/new",
                "/users/" + bankAnalyst.id(), "/tokens", "/tokens/new", "/audit", "/profile"});
        pages.put(bankAnalyst, new String[] {"/", "/institutions", "/institutions/" + bank.value(), "/users",
                "/users/" + bankAdmin.id(), "/profile"});
        pages.put(regulator, new String[] {"/", "/institutions", "/institutions/" + bank.value(), "/audit", "/profile",
                "/dashboard/audit-chain"});
        for (var entry : pages.entrySet()) {
            for (String language : new String[] {"zh-TW", "en"}) {
                WebVisitor visitor = new WebVisitor(port, "en");
                visitor.login(entry.getKey().username());
                visitor.post("/language", Map.of("lang", language, "return", "/"));
                for (String path : entry.getValue()) {
                    HttpResponse<String> page = visitor.get(path);
                    String what = entry.getKey().role().code() + " " + language + " " + path;
                    assertThat(page.statusCode()).as(what).isEqualTo(200);
                    // Thymeleaf renders a missing message as ??key_locale??.
                    assertThat(page.body()).as(what).doesNotContainPattern("\\?\\?[\\w.-]+_\\w*\\?\\?")
                            .doesNotContain("style=\"");
                    if (!path.startsWith("/dashboard/")) {
                        assertThat(page.body()).as(what).contains("<html lang=\"" + language + "\">");
                    }
                }
            }
        }
    }

    @Test
    void navigationOffersOnlyWhatTheActorMayUse() throws Exception {
        InstitutionId bank = sector.institution("navbank", InstitutionKind.BANK);
        WebVisitor analyst = new WebVisitor(port, "en");
        analyst.login(sector.user(bank, Role.INSTITUTION_ANALYST).username());
        String dashboard = analyst.get("/").body();
        assertThat(dashboard).contains("href=\"/institutions\"", "href=\"/users\"", "href=\"/swagger-ui.html\"")
                .doesNotContain("href=\"/tokens\"", "href=\"/audit\"");

        WebVisitor admin = new WebVisitor(port, "en");
        admin.login(sector.user(InstitutionId.HUB, Role.HUB_ADMIN).username());
        assertThat(admin.get("/").body()).contains("href=\"/institutions\"", "href=\"/users\"", "href=\"/tokens\"",
                "href=\"/audit\"", "data-testid=\"member-total\"");
    }

    @Test
    void refusalsAndUnknownPagesGetTheirErrorPagesInTheUsersLanguage() throws Exception {
        InstitutionId bank = sector.institution("errbank", InstitutionKind.BANK);
        InstitutionId other = sector.institution("errother", InstitutionKind.INSURANCE);
        WebVisitor analyst = new WebVisitor(port, "en");
        analyst.login(sector.user(bank, Role.INSTITUTION_ANALYST).username());

        HttpResponse<String> refused = analyst.get("/institutions/new");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("You may not open this page", "<html lang=\"en\">");

        HttpResponse<String> otherTenant = analyst.get("/institutions/" + other.value());
        assertThat(otherTenant.statusCode()).isEqualTo(404);
        assertThat(otherTenant.body()).contains("This page does not exist");

        analyst.post("/language", Map.of("lang", "zh-TW", "return", "/"));
        HttpResponse<String> missing = analyst.get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("此頁面不存在", "<html lang=\"zh-TW\">");
        assertThat(analyst.get("/users/not-a-uuid").statusCode()).isEqualTo(404);

        HttpResponse<String> wrongMethod = analyst.get("/language");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("此網址不接受這種請求。");
        HttpResponse<String> unsupported = analyst.post("/language", Map.of("lang", "fr", "return", "/"));
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(unsupported.body()).contains("請求內容不正確。");
    }

    @Test
    void aRejectedFormKeepsWhatWasTypedAndNamesTheField() throws Exception {
        WebVisitor admin = new WebVisitor(port, "en");
        admin.login(sector.user(InstitutionId.HUB, Role.HUB_ADMIN).username());
        admin.get("/institutions/new");
        HttpResponse<String> page = admin.post("/institutions/new",
                Map.of("institutionId", "Not Valid!", "name", "Typed Bank Name", "kind", "bank", "sizeTier", "small"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"institutionId-error\"", "value=\"Not Valid!\"",
                "value=\"Typed Bank Name\"", "aria-invalid=\"true\"");
        assertThat(page.body()).containsPattern("value=\"small\"\\s+checked");

        HttpResponse<String> noKind = admin.post("/institutions/new",
                Map.of("institutionId", "valid-id-" + System.nanoTime() % 100000, "name", "Another Bank", "kind", ""));
        assertThat(noKind.body()).contains("id=\"kind-error\"", "This field is required.", "value=\"Another Bank\"");
    }

    @Test
    void auditTrailPagesBackwardsAndFiltersByActionPrefix() throws Exception {
        WebVisitor admin = new WebVisitor(port, "en");
        admin.login(sector.user(InstitutionId.HUB, Role.HUB_ADMIN).username());

        // The bootstrap wrote the first records of the chain, so a page before record 4 holds records 3, 2, 1.
        assertThat(all(Pattern.compile("<td class=\"num\">(\\d+)</td>"), admin.get("/audit?before=4").body()))
                .containsExactly("3", "2", "1");

        String logins = admin.get("/audit?action=login.").body();
        assertThat(all(Pattern.compile("<td><code>([^<]+)</code></td>"), logins))
                .isNotEmpty().allSatisfy(action -> assertThat(action).startsWith("login."));
        assertThat(logins).contains("value=\"login.\"");

        HttpResponse<String> malformed = admin.get("/audit?before=abc");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("The request was not valid.", "<html lang=\"en\">");

        HttpResponse<String> fullPage = admin.post("/audit/verify", Map.of());
        assertThat(fullPage.body()).contains("Chain intact", "<html lang=\"en\">");
    }

    private static java.util.List<String> all(Pattern pattern, String text) {
        java.util.List<String> found = new java.util.ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void languageSwitchReturnsToTheSamePageButNeverToAnotherSite() throws Exception {
        WebVisitor visitor = new WebVisitor(port, "en");
        visitor.get("/login");
        HttpResponse<String> back = visitor.post("/language", Map.of("lang", "zh-TW", "return", "/login?error=bad"));
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/login?error=bad");
        assertThat(visitor.get("/login?error=bad").body()).contains("帳號或密碼錯誤");

        HttpResponse<String> away = visitor.post("/language", Map.of("lang", "en", "return", "//evil.example/x"));
        assertThat(URI.create(away.headers().firstValue("Location").orElseThrow()).getHost()).isIn(null, "localhost");
        assertThat(away.headers().firstValue("Location").orElseThrow()).doesNotContain("evil");
    }

    @Test
    void languageSwitchWithoutTheCsrfTokenIsRefused() throws Exception {
        WebVisitor visitor = new WebVisitor(port, "en");
        visitor.get("/login");
        HttpResponse<String> forged = visitor.send(HttpRequest.newBuilder(visitor.uri("/language"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("lang=zh-TW&return=/")).build());
        assertThat(forged.statusCode()).isEqualTo(403);
    }
}
