package org.finres.vault.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * Business days are Monday to Friday in the configured zone. The business date that must be attested by now is the
 * one before the latest business day whose cut-off has passed: on Wednesday after 06:00 it is Tuesday, before 06:00
 * Monday, and all weekend Thursday (Friday's run is due by Monday's cut-off).
 */
public record BusinessCalendar(VaultProperties properties) {

    public static boolean isBusinessDay(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    public static LocalDate previousBusinessDay(LocalDate date) {
        LocalDate d = date.minusDays(1);
        while (!isBusinessDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** The business date whose attestation was due at the latest cut-off at or before {@code now}. */
    public LocalDate requiredDate(Instant now) {
        ZonedDateTime local = now.atZone(properties.zone());
        LocalDate day = local.toLocalDate();
        // The latest business day whose cut-off has passed.
        if (!isBusinessDay(day) || local.toLocalTime().isBefore(properties.cutOff())) {
            day = previousBusinessDay(day);
        }
        return previousBusinessDay(day);
    }

    /** Business dates strictly after {@code last} up to and including {@code required}. */
    public static int businessDaysBehind(LocalDate last, LocalDate required) {
        int behind = 0;
        for (LocalDate d = last.plusDays(1); !d.isAfter(required); d = d.plusDays(1)) {
            if (isBusinessDay(d)) {
                behind++;
            }
        }
        return behind;
    }

    public LocalDate today(Instant now) {
        return now.atZone(properties.zone()).toLocalDate();
    }
}
