package org.finres.vault.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessCalendarTests {

    private final BusinessCalendar calendar = new BusinessCalendar(new VaultProperties(ZoneId.of("Asia/Taipei"),
            LocalTime.of(6, 0), Duration.ofMinutes(1), true, Duration.ofMinutes(5)));

    @ParameterizedTest(name = "at {0} (UTC) the due business date is {1}")
    @CsvSource({
            // Wednesday 2026-12-02 09:00 Taipei: Tuesday is due.
            "2026-12-02T01:00:00Z, 2026-12-01",
            // Wednesday 05:59 Taipei, before the cut-off: still Monday.
            "2026-12-01T21:59:00Z, 2026-11-30",
            // Wednesday 06:00 Taipei exactly: Tuesday.
            "2026-12-01T22:00:00Z, 2026-12-01",
            // Monday 2026-11-30 05:00 Taipei: Thursday (Friday's run is due at Monday's cut-off).
            "2026-11-29T21:00:00Z, 2026-11-26",
            // Monday 07:00 Taipei: Friday.
            "2026-11-29T23:00:00Z, 2026-11-27",
            // Saturday and Sunday: Thursday.
            "2026-11-28T04:00:00Z, 2026-11-26",
            "2026-11-29T15:00:00Z, 2026-11-26",
            // Tuesday 2026-12-01 00:30 Taipei is still Monday 16:30 UTC: Friday is due.
            "2026-11-30T16:30:00Z, 2026-11-27"})
    void requiredDateFollowsTheCutOffInTaipeiOnWeekdays(Instant now, LocalDate due) {
        assertThat(calendar.requiredDate(now)).isEqualTo(due);
    }

    @ParameterizedTest(name = "from {0} to {1}: {2} business days behind")
    @CsvSource({"2026-12-01, 2026-12-01, 0", "2026-11-30, 2026-12-01, 1", "2026-11-27, 2026-12-01, 2",
            "2026-11-26, 2026-11-27, 1", "2026-11-20, 2026-12-01, 7", "2026-12-02, 2026-12-01, 0"})
    void businessDaysBehindSkipWeekends(LocalDate last, LocalDate required, int behind) {
        assertThat(BusinessCalendar.businessDaysBehind(last, required)).isEqualTo(behind);
    }
}
