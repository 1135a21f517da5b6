package org.finres.cli.vault;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a vault operation on stderr: a bar redrawn in place on a terminal (bytes, files, rate, time left),
 * else a plain line every ten seconds, which reads well in a cron job's log.
 */
final class ProgressMeter {

    enum Style { BAR, LINES, NONE }

    private static final long BAR_EVERY_NANOS = Duration.ofMillis(200).toNanos();
    private static final long LINE_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final PrintWriter err;
    private final Style style;
    private final String verb;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private boolean barDrawn;

    ProgressMeter(PrintWriter err, Style style, String verb) {
        this.err = err;
        this.style = style;
        this.verb = verb;
    }

    static Style style(String option, PrintWriter err) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "bar" -> Style.BAR;
            case "lines" -> Style.LINES;
            case "none" -> Style.NONE;
            case "auto" -> System.console() != null ? Style.BAR : Style.LINES;
            default -> throw new IllegalArgumentException("--progress must be auto, bar, lines or none, not '"
                    + option + "'");
        };
    }

    /**
     * @param done      bytes done
     * @param total     bytes in all, or -1 when unknown (no percentage, no time left)
     * @param filesDone files done
     * @param files     files in all
     * @param detail    what else to show ("80 MiB new"), or empty
     */
    void update(long done, long total, long filesDone, long files, String detail, boolean force) {
        if (style == Style.NONE) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastShown < (style == Style.BAR ? BAR_EVERY_NANOS : LINE_EVERY_NANOS)) {
            return;
        }
        lastShown = now;
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = done / seconds;
        StringBuilder figures = new StringBuilder();
        figures.append(bytes(done));
        if (total >= 0) {
            figures.append(" of ").append(bytes(total));
        }
        figures.append(", ").append(filesDone).append('/').append(files).append(" files, ")
                .append(bytes((long) rate)).append("/s");
        if (total > 0 && done < total && rate > 0) {
            figures.append(", ETA ").append(clock((long) ((total - done) / rate)));
        }
        if (!detail.isEmpty()) {
            figures.append(", ").append(detail);
        }
        double share = total > 0 ? Math.min(1.0, (double) done / total) : total == 0 ? 1.0 : -1;
        if (style == Style.BAR) {
            String bar = "";
            if (share >= 0) {
                int filled = (int) Math.round(share * 30);
                bar = "[" + "#".repeat(filled) + ".".repeat(30 - filled) + "] "
                        + String.format(Locale.ROOT, "%3.0f%% ", share * 100);
            }
            err.print("\r" + bar + figures + "\033[K");
            err.flush();
            barDrawn = true;
        } else {
            String percent = share >= 0 ? String.format(Locale.ROOT, "%.0f%%: ", share * 100) : "";
            err.println("finres: " + verb + " " + percent + figures);
        }
    }

    /** Ends the bar's line so the next message starts on its own line. */
    void finish() {
        if (barDrawn) {
            err.println();
            err.flush();
            barDrawn = false;
        }
    }

    /** A message on its own line, even while the bar is shown. */
    void notice(String message) {
        finish();
        err.println("finres: " + message);
        err.flush();
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** Binary units, as file sizes are shown by ls -h and du -h. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
