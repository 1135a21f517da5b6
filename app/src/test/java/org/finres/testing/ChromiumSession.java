package org.finres.testing;

import java.util.List;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every browser test class needs, as one JUnit extension: Debian's Chromium launched once for the class (the
 * class is skipped where there is none), a fresh profile per {@link #browse}, the profiles closed and their console
 * errors forgotten after each test, and signing in through the login form. Register it as
 * {@code @RegisterExtension static final ChromiumSession chromium = new ChromiumSession();}.
 */
public final class ChromiumSession implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private DebianChromium chromium;
    private final BrowserVisits visits = new BrowserVisits();

    @Override
    public void beforeAll(ExtensionContext context) {
        chromium = DebianChromium.launch();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        visits.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    /** A fresh profile (no cookies) whose Accept-Language is {@code locale}, on the hub at this port. */
    public Page browse(int port, String locale) {
        return visits.browse(chromium.browser(), "http://localhost:" + port, locale);
    }

    /** A fresh profile signed in as {@code username} with the test sector's password, on a page with the sidebar. */
    public Page signIn(int port, String username, String locale) {
        Page page = browse(port, locale);
        page.navigate("/login");
        page.locator("#username").fill(username);
        page.locator("#password").fill(TestSector.PASSWORD);
        page.locator("form[action='/login'] button[type=submit]").click();
        PlaywrightAssertions.assertThat(page.locator("nav.sidebar")).isVisible();
        return page;
    }

    /** Every console error and page error of this test's profiles (where a CSP violation shows). */
    public List<String> consoleErrors() {
        return visits.consoleErrors();
    }
}
