package org.finres.cli.events;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a send on stderr: a bar redrawn in place on a terminal, else a plain line now and then, which
 * reads well in a log file and does not fill it.
 */
final class Progress {

    enum Style { BAR, LINES, NONE }

    private static final long BAR_EVERY_NANOS = Duration.ofMillis(200).toNanos();
    private static final long LINE_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final PrintWriter err;
    private final Style style;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private boolean barDrawn;

    /** @param totalBytes decoded bytes of all inputs when every size is known, else -1 (no percentage) */
    Progress(PrintWriter err, Style style, long totalBytes) {
        this.err = err;
        this.style = style;
        this.totalBytes = totalBytes;
    }

    void update(long events, long bytesRead, long bytesSent, boolean force) {
        if (style == Style.NONE) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastShown < (style == Style.BAR ? BAR_EVERY_NANOS : LINE_EVERY_NANOS)) {
            return;
        }
        lastShown = now;
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        String figures = String.format(Locale.ROOT, "%,d events, %s read, %s sent, %,.0f events/s", events,
                bytes(bytesRead), bytes(bytesSent), events / seconds);
        if (style == Style.BAR) {
            String bar = "";
            if (totalBytes > 0) {
                double share = Math.min(1.0, (double) bytesRead / totalBytes);
                int filled = (int) Math.round(share * 30);
                bar = "[" + "#".repeat(filled) + ".".repeat(30 - filled) + "] "
                        + String.format(Locale.ROOT, "%3.0f%% ", share * 100);
            }
            err.print("\r" + bar + figures + "\033[K");
            err.flush();
            barDrawn = true;
        } else {
            String share = totalBytes > 0
                    ? String.format(Locale.ROOT, "%.0f%%: ", Math.min(100.0, 100.0 * bytesRead / totalBytes)) : "";
            err.println("finres: sending " + share + figures);
        }
    }

    /** Ends the bar's line so the next message starts on its own line. */
    void finish() {
        if (barDrawn) {
            err.println();
            barDrawn = false;
        }
    }

    /** A message between updates, on its own line even while the bar is shown. */
    void notice(String message) {
        finish();
        err.println("finres: " + message);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KB", "MB", "GB", "TB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
