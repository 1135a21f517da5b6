package org.finres.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.UserAccounts;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The UI language: the logged-in user's stored preference (copied into the session at login), else a cookie
 * set by the language switch on the login page, else the browser's Accept-Language, else Traditional Chinese.
 * Changing it while logged in stores it on the user, so it follows them to any browser.
 */
@Component("localeResolver")
public class UserLocaleResolver implements LocaleResolver {

    static final String SESSION_ATTRIBUTE = "org.finres.locale";
    static final String COOKIE = "finres-lang";
    private static final List<Locale> SUPPORTED = List.of(UserAccounts.ZH_TW, Locale.ENGLISH);

    private final UserAccounts users;

    UserLocaleResolver(UserAccounts users) {
        this.users = users;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof Locale locale) {
            return locale;
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (COOKIE.equals(cookie.getName())) {
                    return cookie.getValue().equals("en") ? Locale.ENGLISH : UserAccounts.ZH_TW;
                }
            }
        }
        String accept = request.getHeader("Accept-Language");
        if (accept != null && !accept.isBlank()) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(accept), SUPPORTED);
                if (best != null) {
                    return best;
                }
                if (accept.strip().toLowerCase().startsWith("en")) {
                    return Locale.ENGLISH;
                }
            } catch (IllegalArgumentException ignored) {
                // A malformed Accept-Language header falls back to the default.
            }
        }
        return UserAccounts.ZH_TW;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale supported = UserAccounts.supportedLocale(locale);
        rememberForSession(request, response, supported);
        if (CurrentActor.find().orElse(null) instanceof Actor.User user) {
            users.setOwnLocale(user, supported);
        }
    }

    void rememberForSession(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        request.getSession(true).setAttribute(SESSION_ATTRIBUTE, locale);
        Cookie cookie = new Cookie(COOKIE, locale.equals(Locale.ENGLISH) ? "en" : "zh-TW");
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }
}
