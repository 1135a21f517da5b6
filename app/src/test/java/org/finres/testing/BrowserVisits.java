package org.finres.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * The browser profiles one test opens, and every console error and page error they saw: a page must run without
 * one, because that is where the content security policy reports a violation. Close after each test.
 */
public final class BrowserVisits implements AutoCloseable {

    private final List<BrowserContext> contexts = new CopyOnWriteArrayList<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    /** A fresh profile (no cookies) whose Accept-Language is the given locale, on the hub at {@code baseUrl}. */
    public Page browse(Browser browser, String baseUrl, String locale) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setLocale(locale)
                .setViewportSize(1366, 900));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                consoleErrors.add(page.url() + ": " + message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add(page.url() + ": " + error));
        return page;
    }

    public List<String> consoleErrors() {
        return consoleErrors;
    }

    @Override
    public void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
        consoleErrors.clear();
    }
}
