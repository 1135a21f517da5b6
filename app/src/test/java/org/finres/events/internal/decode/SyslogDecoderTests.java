package org.finres.events.internal.decode;

import org.finres.core.InstitutionId;
import org.finres.events.BaseEvent;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.EventDecoders;
import org.finres.events.InputFormat;
import org.finres.events.NetworkActivity;
import org.finres.events.OcsfEvent;
import org.finres.events.OcsfValidator;
import org.finres.events.ProcessActivity;
import org.finres.events.Severity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogDecoderTests {

    private static final DecodeContext CONTEXT = DecodeContext.of(InstitutionId.of("bank-a"),
            Instant.parse("2026-03-01T00:00:00Z"));

    private final org.finres.events.EventDecoder decoder = EventDecoders.forFormat(InputFormat.SYSLOG_RFC5424);

    private OcsfEvent decodeOne(byte[] input, DecodeContext context) {
        Decoding decoding = decoder.decode(input, context);
        assertThat(decoding).isInstanceOf(Decoding.Decoded.class);
        OcsfEvent event = ((Decoding.Decoded) decoding).events().getFirst();
        assertThat(OcsfValidator.validate(event)).isEmpty();
        return event;
    }

    private OcsfEvent decodeOne(String input) {
        return decodeOne(input.getBytes(StandardCharsets.UTF_8), CONTEXT);
    }

    @Test
    void readsRfc5424WithStructuredDataAndBom() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("<165>1 2026-02-28T22:14:15.003+08:00 core01.bank.example teller 8710 ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" note=\"a \\\"quoted\\\" \\] value\"]"
                + "[meta seq=\"1\" seq=\"2\"] ").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.writeBytes("轉帳失敗：帳戶凍結".getBytes(StandardCharsets.UTF_8));
        OcsfEvent event = decodeOne(bytes.toByteArray(), CONTEXT);
        assertThat(event).isInstanceOf(BaseEvent.class);
        assertThat(event.base().message()).isEqualTo("轉帳失敗：帳戶凍結");
        assertThat(event.base().time()).isEqualTo(Instant.parse("2026-02-28T14:14:15.003Z").toEpochMilli());
        assertThat(event.base().device().hostname()).isEqualTo("core01.bank.example");
        assertThat(event.base().metadata().product().name()).isEqualTo("teller");
        assertThat(event.base().metadata().eventCode()).isEqualTo("ID47");
        assertThat(event.severity()).isEqualTo(Severity.LOW); // 165 = local4.notice
        @SuppressWarnings("unchecked")
        Map<String, Object> sd = (Map<String, Object>) event.base().unmapped().get("structured_data");
        assertThat(sd).containsKeys("exampleSDID@32473", "meta");
        assertThat(sd.get("exampleSDID@32473")).isEqualTo(Map.of("iut", "3", "eventSource", "Application",
                "note", "a \"quoted\" ] value"));
        assertThat(sd.get("meta")).isEqualTo(Map.of("seq", java.util.List.of("1", "2")));
        assertThat(event.base().unmapped()).containsEntry("facility", "local4").containsEntry("procid", "8710");
    }

    @Test
    void readsRfc5424NilValues() {
        OcsfEvent event = decodeOne("<14>1 - - - - - -");
        assertThat(event.base().time()).isEqualTo(CONTEXT.receivedAt().toEpochMilli());
        assertThat(event.base().device()).isNull();
        assertThat(event.base().message()).isNull();
    }

    @Test
    void readsRfc3164WithoutYearUsingTheReceiveYear() {
        OcsfEvent event = decodeOne("<34>Feb 28 22:14:15 mymachine su[230]: 'su root' failed for lonvick on /dev/pts/8");
        assertThat(event.base().time()).isEqualTo(Instant.parse("2026-02-28T14:14:15Z").toEpochMilli());
        assertThat(event.base().device().hostname()).isEqualTo("mymachine");
        assertThat(event.base().metadata().product().name()).isEqualTo("su");
        assertThat(event.base().unmapped()).containsEntry("procid", "230").containsEntry("facility", "auth");
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void readsDecemberMessagesReceivedInJanuaryAsLastYear() {
        DecodeContext january = DecodeContext.of(InstitutionId.of("bank-a"), Instant.parse("2026-01-01T00:00:30Z"))
                .inZone(ZoneOffset.UTC);
        OcsfEvent event = decodeOne("<13>Dec 31 23:59:59 host app: late".getBytes(StandardCharsets.UTF_8), january);
        assertThat(event.base().time()).isEqualTo(Instant.parse("2025-12-31T23:59:59Z").toEpochMilli());
    }

    @Test
    void readsRfc3164WithYearFractionAndZone() {
        assertThat(decodeOne("<13>Feb  1 2025 10:00:00 host app: x").base().time())
                .isEqualTo(Instant.parse("2025-02-01T02:00:00Z").toEpochMilli());
        assertThat(decodeOne("<13>Feb  1 10:00:00.250 UTC host app: x").base().time())
                .isEqualTo(Instant.parse("2026-02-01T10:00:00.250Z").toEpochMilli());
        assertThat(decodeOne("<13>Feb  1 10:00:00 +0100 host app: x").base().time())
                .isEqualTo(Instant.parse("2026-02-01T09:00:00Z").toEpochMilli());
        assertThat(decodeOne("<13>2026-02-01T10:00:00Z host app: x").base().time())
                .isEqualTo(Instant.parse("2026-02-01T10:00:00Z").toEpochMilli());
    }

    @Test
    void treatsMessageWithoutTimestampAsWholeMessage() {
        OcsfEvent event = decodeOne("<13>just some text");
        assertThat(event.base().message()).isEqualTo("just some text");
        assertThat(event.base().time()).isEqualTo(CONTEXT.receivedAt().toEpochMilli());
    }

    @Test
    void keepsMultiLineMessagesWhole() {
        OcsfEvent event = decodeOne("<13>1 2026-02-01T10:00:00Z host java 1 - - Exception in thread\n\tat a.b(C.java:1)\n\tat d.e(F.java:2)\n");
        assertThat(event.base().message()).isEqualTo("Exception in thread\n\tat a.b(C.java:1)\n\tat d.e(F.java:2)");
    }

    @Test
    void decodesCefCarriedInSyslogWithSyslogFallbacks() {
        OcsfEvent event = decodeOne("<134>Feb 28 10:00:00 fw02 CEF:0|Palo Alto Networks|PAN-OS|11.0|end|TRAFFIC|1|"
                + "src=10.0.0.8 dst=8.8.8.8 dpt=53 act=allow");
        assertThat(event).isInstanceOf(NetworkActivity.class);
        assertThat(event.base().device().hostname()).isEqualTo("fw02");
        assertThat(event.base().time()).isEqualTo(Instant.parse("2026-02-28T02:00:00Z").toEpochMilli());
        OcsfEvent tagged = decodeOne("<134>1 2026-02-28T10:00:00Z fw03 CEF - - - CEF:0|V|P|1|1|n|1|src=10.0.0.1");
        assertThat(tagged.base().device().hostname()).isEqualTo("fw03");
    }

    @Test
    void decodesLeefAndJsonCarriedInSyslog() {
        OcsfEvent leef = decodeOne("<13>Feb 28 10:00:00 qradar LEEF:1.0|V|P|1|E|src=10.0.0.1\tdst=10.0.0.2");
        assertThat(leef).isInstanceOf(NetworkActivity.class);
        OcsfEvent json = decodeOne("<13>Feb 28 10:00:00 wec winlogbeat: {\"EventID\":5,\"SourceName\":\"Microsoft-Windows-Sysmon\","
                + "\"Hostname\":\"ws9\",\"ProcessId\":\"44\",\"Image\":\"C:\\\\a.exe\",\"User\":\"B\\\\u\"}");
        assertThat(json).isInstanceOf(ProcessActivity.class);
    }

    @Test
    void refusesMalformedHeaders() {
        assertThat(decoder.decode("<999>1 - - - - - -", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
        assertThat(decoder.decode("<12", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
        assertThat(decoder.decode("<14>1 2026-02-28T10:00:00Z host", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
        assertThat(decoder.decode("<14>1 - - - - - [unterminated a=\"b\"", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
        assertThat(decoder.decode("<14>1 yesterday host app - - - msg", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
        assertThat(decoder.decode("no header at all", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
        assertThat(decoder.decode("\n", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
    }
}
