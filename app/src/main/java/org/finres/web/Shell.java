package org.finres.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the layout needs on every page: who is signed in, the menu they may use, the language, and where the
 * language switch should return to. Built once per rendered page by {@link ShellInterceptor}.
 *
 * @param identity    the signed-in user, or null on the login and public error pages
 * @param currentPath the page's path, for marking the current menu entry
 * @param returnPath  a path that shows this page again with GET, for the language switch
 */
record Shell(Locale locale, Identity identity, List<NavigationEntry> navigation, String currentPath,
             String returnPath, ZoneId zone) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The signed-in user as the header shows them. */
    record Identity(String username, String roleKey, String tenantId, String tenantName) {
    }

    public boolean signedIn() {
        return identity != null;
    }

    public boolean english() {
        return locale.getLanguage().equals("en");
    }

    public String languageTag() {
        return english() ? "en" : "zh-TW";
    }

    public boolean current(NavigationEntry entry) {
        return entry.isCurrent(currentPath);
    }

    /** A time to the minute in the shell's zone; an empty string for none, so templates can show a dash. */
    public String time(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant.atZone(zone));
    }

    /** Whether a moment is still ahead, such as the end of an account's lockout. */
    public boolean inFuture(Instant instant) {
        return instant != null && instant.isAfter(Instant.now());
    }

    /** A time to the second, for the audit trail where the order of events within a minute matters. */
    public String preciseTime(Instant instant) {
        return instant == null ? "" : SECONDS.format(instant.atZone(zone));
    }
}
