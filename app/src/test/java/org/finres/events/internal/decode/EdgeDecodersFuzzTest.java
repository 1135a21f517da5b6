package org.finres.events.internal.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.core.InstitutionId;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.EventDecoder;
import org.finres.events.EventDecoders;
import org.finres.events.FormatSniffer;
import org.finres.events.InputFormat;
import org.finres.events.OcsfEvent;
import org.finres.events.OcsfJson;
import org.finres.events.OcsfValidator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every decoder, fed anything, answers a sealed result and never throws; whatever it decodes is a valid OCSF event
 * that serialises. The fuzz tests replay in the normal build (Jazzer's replay mode) and fuzz with
 * {@code JAZZER_FUZZ=1}; the seed tests below run the same checks on hand-written inputs and on every truncation of
 * them, since cut-off input is what a broken connection delivers.
 */
class EdgeDecodersFuzzTest {

    private static final DecodeContext CONTEXT = DecodeContext.of(InstitutionId.of("bank-a"),
            Instant.parse("2026-03-01T00:00:00Z")).keepingRaw(true).limitedTo(64 * 1024);

    private static final List<String> SEEDS = List.of(
            "CEF:0|V\\|x|P|1|sig|name|7|src=10.0.0.1 dst=10.0.0.2 msg=a\\=b c\\\\d\\n cs1=x cs1Label=l request=http://a/?b=c",
            "CEF:0|V|P|1|sig|login failed|Very-High|duser=王小明 outcome=failure rt=Feb 01 2026 10:00:00 +0800",
            "LEEF:1.0|V|P|1|E|src=10.0.0.1\tdst=10.0.0.2\tdevTime=Feb 01 2026 10:00:00\tsev=9",
            "LEEF:2.0|V|P|1|E|x5E|src=10.0.0.1^usrName=a\\^b^devTime=1^devTimeFormat=yyyy",
            "<165>1 2026-02-28T22:14:15.003+08:00 host app 1 ID47 [id a=\"b\\\"c\\]\"][x y=\"z\"] \uFEFF中文",
            "<34>Feb 28 22:14:15 mymachine su[230]: 'su root' failed",
            "<13>Feb 28 10:00:00 fw CEF:0|V|P|1|1|n|1|src=1.2.3.4",
            "<13>1 - - - - - - {\"class_uid\":0,\"activity_id\":0}",
            "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},\"EventID\":1,"
                    + "\"Computer\":\"h\"},\"EventData\":{\"Image\":\"C:\\\\a.exe\",\"ParentImage\":\"C:\\\\b.exe\",\"ProcessId\":5}}}",
            "{\"SourceName\":\"Microsoft-Windows-Security-Auditing\",\"EventID\":4624,\"Hostname\":\"dc\",\"TargetUserName\":\"a\","
                    + "\"LogonType\":\"3\",\"IpAddress\":\"10.0.0.1\"}\n{\"EventID\":22,\"SourceName\":\"Microsoft-Windows-Sysmon\","
                    + "\"QueryName\":\"x.example\",\"QueryResults\":\"type:  5 y;::ffff:1.2.3.4;\",\"QueryStatus\":\"9003\"}",
            "{\"@timestamp\":\"2026-02-01T00:00:00Z\",\"event\":{\"kind\":\"alert\",\"category\":[\"network\"]},"
                    + "\"source\":{\"ip\":\"1.1.1.1\"},\"rule\":{\"id\":\"r\",\"name\":\"n\"}}",
            "{\"class_uid\":4003,\"category_uid\":4,\"activity_id\":1,\"type_uid\":400301,\"severity_id\":1,\"time\":1,"
                    + "\"metadata\":{\"product\":{\"name\":\"dns\"},\"version\":\"1.9.0\"},\"query\":{\"hostname\":\"a\"}}",
            "[{\"a\":1},{\"b\":[1,2,{\"c\":null}]}]",
            "plain text 交易失敗");

    private static final List<InputFormat> FORMATS = List.of(InputFormat.CEF, InputFormat.LEEF,
            InputFormat.SYSLOG_RFC5424, InputFormat.WINDOWS_EVENT_JSON, InputFormat.ECS_JSON, InputFormat.OCSF_JSON,
            InputFormat.PLAIN_TEXT, InputFormat.UNKNOWN);

    /** The contract every decoder keeps for any input. */
    static void check(EventDecoder decoder, byte[] input) {
        Decoding decoding = decoder.decode(input, CONTEXT);
        switch (decoding) {
            case Decoding.Decoded decoded -> {
                for (OcsfEvent event : decoded.events()) {
                    assertThat(OcsfValidator.validate(event)).isEmpty();
                    assertThat(OcsfJson.write(event)).isNotEmpty();
                }
            }
            case Decoding.Undecodable undecodable -> assertThat(undecodable.reason()).isNotBlank();
        }
        FormatSniffer.sniff(input);
    }

    @FuzzTest
    void cef(byte[] input) {
        check(EventDecoders.forFormat(InputFormat.CEF), input);
    }

    @FuzzTest
    void leef(byte[] input) {
        check(EventDecoders.forFormat(InputFormat.LEEF), input);
    }

    @FuzzTest
    void syslog(byte[] input) {
        check(EventDecoders.forFormat(InputFormat.SYSLOG_RFC5424), input);
    }

    @FuzzTest
    void windowsEventJson(byte[] input) {
        check(EventDecoders.forFormat(InputFormat.WINDOWS_EVENT_JSON), input);
    }

    @FuzzTest
    void ecsJson(byte[] input) {
        check(EventDecoders.forFormat(InputFormat.ECS_JSON), input);
    }

    @FuzzTest
    void ocsfJson(byte[] input) {
        check(EventDecoders.forFormat(InputFormat.OCSF_JSON), input);
    }

    @FuzzTest
    void plainText(byte[] input) {
        check(EventDecoders.forFormat(InputFormat.PLAIN_TEXT), input);
    }

    @FuzzTest
    void automatic(byte[] input) {
        check(EventDecoders.automatic(), input);
    }

    @Test
    void everyDecoderKeepsItsContractOnSeedsAndAllTheirTruncations() {
        for (String seed : SEEDS) {
            byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
            for (InputFormat format : FORMATS) {
                EventDecoder decoder = EventDecoders.forFormat(format);
                for (int length = 0; length <= bytes.length; length++) {
                    check(decoder, java.util.Arrays.copyOf(bytes, length));
                }
            }
        }
    }

    @Test
    void everyDecoderKeepsItsContractOnHostileInputs() {
        List<byte[]> hostile = List.of(
                new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1},
                "[".repeat(5000).getBytes(StandardCharsets.UTF_8),
                ("{\"a\":" + "[".repeat(2000)).getBytes(StandardCharsets.UTF_8),
                ("CEF:0|" + "\\".repeat(10_000)).getBytes(StandardCharsets.UTF_8),
                ("LEEF:2.0|a|b|c|d|xZZ|" + "=".repeat(1000)).getBytes(StandardCharsets.UTF_8),
                ("<13>1 - - - - - " + "[a b=\"".repeat(1000)).getBytes(StandardCharsets.UTF_8),
                "{\"EventID\":\"0x\",\"SourceName\":{},\"Channel\":[]}".getBytes(StandardCharsets.UTF_8),
                "{\"class_uid\":1e400,\"activity_id\":-1}".getBytes(StandardCharsets.UTF_8),
                "x".repeat(70 * 1024).getBytes(StandardCharsets.UTF_8));
        for (byte[] input : hostile) {
            for (InputFormat format : FORMATS) {
                check(EventDecoders.forFormat(format), input);
            }
        }
    }
}
