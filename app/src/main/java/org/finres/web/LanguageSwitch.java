package org.finres.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.finres.core.UserAccounts;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The language switch in the header, also on the login page. The locale resolver keeps the choice for the
 * session and, for a signed-in user, on their account, so it follows them to their next login.
 */
@Controller
class LanguageSwitch {

    private final LocaleResolver locales;

    LanguageSwitch(LocaleResolver locales) {
        this.locales = locales;
    }

    @PostMapping("/language")
    RedirectView switchTo(@RequestParam("lang") String lang,
                          @RequestParam(name = "return", defaultValue = "/") String returnPath,
                          HttpServletRequest request, HttpServletResponse response) {
        Locale locale = UserAccounts.supportedLocale(Locale.forLanguageTag(lang));
        locales.setLocale(request, response, locale);
        RedirectView back = new RedirectView(localPath(returnPath), true);
        // The path is the visitor's own page, not a template: braces in a query must stay as they are.
        back.setExpandUriTemplateVariables(false);
        back.setExposeModelAttributes(false);
        return back;
    }

    /**
     * The return path if it stays on this site, else the dashboard. Refuses absolute and scheme-relative URLs
     * ({@code //evil.example}, {@code /\evil.example}, which browsers read as another host) and control characters,
     * so the switch cannot be used as an open redirect.
     */
    static String localPath(String path) {
        if (path == null || path.isEmpty() || path.length() > 2000 || path.charAt(0) != '/') {
            return "/";
        }
        if (path.length() > 1 && (path.charAt(1) == '/' || path.charAt(1) == '\\')) {
            return "/";
        }
        if (path.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
            return "/";
        }
        return path;
    }
}
