package org.finres.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FormatSnifferTests {

    @Test
    void recognisesEachFormat() {
        assertThat(FormatSniffer.sniff("CEF:0|a|b|c|d|e|1|")).isEqualTo(InputFormat.CEF);
        assertThat(FormatSniffer.sniff("  LEEF:1.0|a|b|c|d|")).isEqualTo(InputFormat.LEEF);
        assertThat(FormatSniffer.sniff("<34>1 2026-01-01T00:00:00Z h a p m - x")).isEqualTo(InputFormat.SYSLOG_RFC5424);
        assertThat(FormatSniffer.sniff("<34>Oct 11 22:14:15 mymachine su: x")).isEqualTo(InputFormat.SYSLOG_RFC3164);
        assertThat(FormatSniffer.sniff("Oct 11 22:14:15 mymachine CEF:0|a")).isEqualTo(InputFormat.SYSLOG_RFC3164);
        assertThat(FormatSniffer.sniff("{\"class_uid\":1007,\"metadata\":{}}")).isEqualTo(InputFormat.OCSF_JSON);
        assertThat(FormatSniffer.sniff("{\"@timestamp\":\"x\",\"event\":{\"kind\":\"event\"}}")).isEqualTo(InputFormat.ECS_JSON);
        assertThat(FormatSniffer.sniff("{\"Event\":{\"System\":{}}}\n{\"Event\":{\"System\":{}}}"))
                .isEqualTo(InputFormat.WINDOWS_EVENT_JSON);
        assertThat(FormatSniffer.sniff("[{\"EventID\":1,\"SourceName\":\"x\"}]")).isEqualTo(InputFormat.WINDOWS_EVENT_JSON);
        assertThat(FormatSniffer.sniff("{\"foo\":1}")).isEqualTo(InputFormat.OTHER_JSON);
        assertThat(FormatSniffer.sniff("{\"foo\":")).isEqualTo(InputFormat.OTHER_JSON);
        assertThat(FormatSniffer.sniff("交易系統錯誤 code=5")).isEqualTo(InputFormat.PLAIN_TEXT);
        assertThat(FormatSniffer.sniff("")).isEqualTo(InputFormat.UNKNOWN);
        assertThat(FormatSniffer.sniff(new byte[]{0, 1, 2, 3})).isEqualTo(InputFormat.UNKNOWN);
        assertThat(FormatSniffer.sniff("\uFEFFCEF:0|x".getBytes(StandardCharsets.UTF_8))).isEqualTo(InputFormat.CEF);
    }
}
