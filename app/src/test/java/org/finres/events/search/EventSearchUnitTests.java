package org.finres.events.search;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.events.internal.store.DeadLetter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of search that need no database: cursors, bucket sizes, request parsing and safe raw text. */
class EventSearchUnitTests {

    @Test
    void cursorSurvivesTheRoundTripToMicroseconds() {
        EventCursor cursor = new EventCursor(Instant.parse("2026-11-22T01:02:03.123456Z"), UUID.randomUUID());
        assertThat(EventCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("=", "+", "/");
    }

    @Test
    void rejectsACursorItDidNotIssue() {
        assertThatThrownBy(() -> EventCursor.decode("not-a-cursor")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EventCursor.decode("%%%")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void bucketSizeGrowsWithTheRangeAndKeepsTheChartReadable() {
        Instant now = Instant.parse("2026-11-22T00:00:00Z");
        assertThat(EventHistogram.bucketFor(now.minus(Duration.ofHours(1)), now)).isEqualTo(Duration.ofMinutes(1));
        assertThat(EventHistogram.bucketFor(now.minus(Duration.ofHours(24)), now)).isEqualTo(Duration.ofMinutes(15));
        assertThat(EventHistogram.bucketFor(now.minus(Duration.ofDays(7)), now)).isEqualTo(Duration.ofHours(3));
        assertThat(EventHistogram.bucketFor(now.minus(Duration.ofDays(30)), now)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void readsRangesInstantsAndTaiwanLocalTimes() {
        Instant now = Instant.parse("2026-11-22T06:00:00Z");
        EventQuery lastHour = new SearchRequest(null, null, "1h", null, null, null, null, null, null, null).toQuery(now);
        assertThat(lastHour.from()).isEqualTo(now.minus(Duration.ofHours(1)));
        assertThat(lastHour.limit()).isEqualTo(EventQuery.DEFAULT_LIMIT);
        EventQuery local = new SearchRequest("2026-11-22T08:00", "2026-11-22T10:00:00Z", null, "bank-a", "2004", "3",
                " x ", "", null, "500").toQuery(now);
        assertThat(local.from()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(local.institution()).isEqualTo(InstitutionId.of("bank-a"));
        assertThat(local.text()).isEqualTo("x");
        assertThat(local.observable()).isNull();
    }

    @Test
    void refusesBadLimitsRangesAndNumbers() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> new SearchRequest(null, null, null, null, null, null, null, null, null, "501").toQuery(now))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> new SearchRequest(null, null, "2y", null, null, null, null, null, null, null).toQuery(now))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new SearchRequest(null, null, null, null, "abc", null, null, null, null, null).toQuery(now))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("class");
        assertThatThrownBy(() -> new SearchRequest("2026-11-22T00:00:00Z", "2026-11-21T00:00:00Z", null, null, null,
                null, null, null, null, null).toQuery(now)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void likeWildcardsInSearchTextAreTakenLiterally() {
        assertThat(EventSearch.likeLiteral("50%_off\\")).isEqualTo("50\\%\\_off\\\\");
    }

    @Test
    void rawBytesAreShownWithControlInvisibleAndInvalidBytesEscaped() {
        assertThat(DeadLetterView.escape("a\u001b[31mred\r\n".getBytes(StandardCharsets.UTF_8), 100))
                .isEqualTo("a\\x1b[31mred\\x0d\\x0a");
        assertThat(DeadLetterView.escape("abc\u202edcba 銀行".getBytes(StandardCharsets.UTF_8), 100))
                .isEqualTo("abc\\u{202e}dcba 銀行");
        assertThat(DeadLetterView.escape(new byte[] {'o', 'k', (byte) 0xff, 0}, 100)).isEqualTo("ok\\xff\\x00");
        assertThat(DeadLetterView.escape("<script>".getBytes(StandardCharsets.UTF_8), 100)).isEqualTo("<script>");
    }

    @Test
    void longRawInputIsCutForDisplayAndSaysSo() {
        byte[] raw = "x".repeat(DeadLetterView.SHOWN_BYTES + 10).getBytes(StandardCharsets.UTF_8);
        DeadLetterView view = DeadLetterView.of(new DeadLetter(1, InstitutionId.of("bank-a"), Instant.now(), "http",
                "CEF", "bad", raw, null, null));
        assertThat(view.rawTruncated()).isTrue();
        assertThat(view.rawText()).hasSize(DeadLetterView.SHOWN_BYTES);
        assertThat(view.rawSize()).isEqualTo(raw.length);
        assertThat(view.pending()).isTrue();
    }
}
