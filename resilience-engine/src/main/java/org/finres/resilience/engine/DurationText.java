package org.finres.resilience.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the register writes them: {@code 0}, {@code 90s}, {@code 15m}, {@code 4h}, {@code 2d},
 * {@code 1h30m}, or ISO 8601 ({@code PT4H}). A bare number other than 0 is refused: its unit would be a guess.
 */
public final class DurationText {

    private static final Pattern COMPACT = Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,7})h)?(?:(\\d{1,9})m)?"
            + "(?:(\\d{1,10})s)?(?:(\\d{1,12})ms)?");

    /** The longest duration a register may hold: longer is a typo, and millisecond sums must not overflow. */
    public static final Duration MAX = Duration.ofDays(36_500);

    private DurationText() {
    }

    /** The duration, or empty when {@code text} is not one (negative ones parse, so that callers can name them). */
    public static Optional<Duration> parse(String text) {
        String t = text.strip();
        if (t.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        boolean negative = t.startsWith("-");
        String body = negative ? t.substring(1) : t;
        if (body.startsWith("P") || body.startsWith("p")) {
            try {
                Duration d = Duration.parse(body);
                return Optional.of(negative ? d.negated() : d);
            } catch (DateTimeParseException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        Matcher m = COMPACT.matcher(body);
        if (body.isEmpty() || !m.matches()) {
            return Optional.empty();
        }
        Duration d = Duration.ZERO;
        long[] unitsMillis = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        try {
            for (int g = 1; g <= 5; g++) {
                if (m.group(g) != null) {
                    d = d.plus(Duration.ofMillis(Math.multiplyExact(Long.parseLong(m.group(g)), unitsMillis[g - 1])));
                }
            }
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
        return Optional.of(negative ? d.negated() : d);
    }

    /** The compact form ({@code 1h30m}); {@link #parse} reads it back to the same duration. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        if (d.getNano() % 1_000_000 != 0) {
            return d.toString();   // below a millisecond only ISO 8601 is exact
        }
        long ms = d.toMillis();
        StringBuilder sb = new StringBuilder();
        long[] unitsMillis = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int u = 0; u < unitsMillis.length; u++) {
            long n = ms / unitsMillis[u];
            if (n > 0) {
                sb.append(n).append(names[u]);
                ms -= n * unitsMillis[u];
            }
        }
        return sb.toString();
    }
}
