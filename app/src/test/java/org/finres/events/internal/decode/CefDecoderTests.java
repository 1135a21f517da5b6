package org.finres.events.internal.decode;

import org.finres.core.InstitutionId;
import org.finres.events.Authentication;
import org.finres.events.BaseEvent;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.DetectionFinding;
import org.finres.events.FileSystemActivity;
import org.finres.events.HttpActivity;
import org.finres.events.NetworkActivity;
import org.finres.events.OcsfEvent;
import org.finres.events.OcsfValidator;
import org.finres.events.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CefDecoderTests {

    private static final DecodeContext CONTEXT = DecodeContext.of(InstitutionId.of("bank-a"),
            Instant.parse("2026-03-01T00:00:00Z"));

    private final CefDecoder decoder = new CefDecoder();

    private OcsfEvent decodeOne(String line) {
        return decodeOne(line, CONTEXT);
    }

    private OcsfEvent decodeOne(String line, DecodeContext context) {
        Decoding decoding = decoder.decode(line, context);
        assertThat(decoding).isInstanceOf(Decoding.Decoded.class);
        OcsfEvent event = ((Decoding.Decoded) decoding).events().getFirst();
        assertThat(OcsfValidator.validate(event)).isEmpty();
        return event;
    }

    @Test
    void mapsFirewallDenyToRefusedNetworkActivity() {
        OcsfEvent event = decodeOne("CEF:0|Fortinet|FortiGate|7.2|13|traffic denied|5|src=10.1.1.5 spt=51515 "
                + "dst=198.51.100.9 dpt=445 proto=TCP act=deny dvchost=fw01 rt=Mar 01 2026 08:30:00");
        assertThat(event).isInstanceOf(NetworkActivity.class);
        NetworkActivity network = (NetworkActivity) event;
        assertThat(network.activityId()).isEqualTo(NetworkActivity.REFUSE);
        assertThat(network.srcEndpoint().ip()).isEqualTo("10.1.1.5");
        assertThat(network.dstEndpoint().port()).isEqualTo(445);
        assertThat(network.connectionInfo().protocolName()).isEqualTo("tcp");
        assertThat(network.base().actionId()).isEqualTo(2);
        assertThat(network.base().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(network.base().device().hostname()).isEqualTo("fw01");
        assertThat(network.base().metadata().product().vendorName()).isEqualTo("Fortinet");
        assertThat(network.base().metadata().tenantUid()).isEqualTo("bank-a");
        // 08:30 Taiwan time (the default source zone) is 00:30 UTC.
        assertThat(network.base().time()).isEqualTo(Instant.parse("2026-03-01T00:30:00Z").toEpochMilli());
    }

    @Test
    void unescapesHeaderPipesAndBackslashes() {
        OcsfEvent event = decodeOne("CEF:0|Ven\\|dor|Pro\\\\duct|1.0|100|Name with \\| pipe|3|msg=hello");
        assertThat(event.base().metadata().product().vendorName()).isEqualTo("Ven|dor");
        assertThat(event.base().metadata().product().name()).isEqualTo("Pro\\duct");
        assertThat(event.base().message()).isEqualTo("hello");
        assertThat(event).isInstanceOf(BaseEvent.class);
    }

    @Test
    void unescapesExtensionValuesAndKeepsSpacesInValues() {
        OcsfEvent event = decodeOne("CEF:0|V|P|1|1|n|1|msg=a\\=b c\\\\d line1\\nline2\\r end  cs1=x y z cs1Label=Custom Name "
                + "filePath=C:\\\\Program Files\\\\app.exe fname=app.exe suser=bob dvchost=pc1");
        assertThat(event.base().message()).isEqualTo("a=b c\\d line1\nline2\r end");
        assertThat(event.base().unmapped()).containsEntry("Custom Name", "x y z");
        assertThat(event).isInstanceOf(FileSystemActivity.class);
    }

    @Test
    void keepsEqualsSignsOfUrlQueriesInTheValue() {
        OcsfEvent event = decodeOne("CEF:0|F5|ASM|16|200|SQL injection attempt|8|request=https://bank.example/login?user=a&id=1 "
                + "requestMethod=POST src=192.0.2.4 suser=mallory");
        assertThat(event).isInstanceOf(DetectionFinding.class);
        DetectionFinding finding = (DetectionFinding) event;
        assertThat(finding.evidences().getFirst().url().urlString()).isEqualTo("https://bank.example/login?user=a&id=1");
        assertThat(finding.findingInfo().uid()).isEqualTo("200");
        assertThat(finding.findingInfo().title()).isEqualTo("SQL injection attempt");
        assertThat(finding.base().severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void mapsWebRequestsToHttpActivity() {
        OcsfEvent event = decodeOne("CEF:0|Squid|Proxy|5|TCP_MISS|web request|Low|request=http://example.com/a "
                + "requestMethod=GET requestClientApplication=Mozilla/5.0 (Windows NT 10.0) src=10.0.0.9");
        assertThat(event).isInstanceOf(HttpActivity.class);
        HttpActivity http = (HttpActivity) event;
        assertThat(http.activityId()).isEqualTo(3);
        assertThat(http.httpRequest().userAgent()).isEqualTo("Mozilla/5.0 (Windows NT 10.0)");
        assertThat(http.httpRequest().url().hostname()).isEqualTo("example.com");
        assertThat(http.base().severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void mapsLogonFailuresToAuthentication() {
        OcsfEvent event = decodeOne("CEF:0|Bank|CoreBanking|3.1|AUTH-7|User login failed|Very-High|duser=王小明 "
                + "src=10.2.3.4 outcome=failure reason=密碼錯誤");
        assertThat(event).isInstanceOf(Authentication.class);
        Authentication auth = (Authentication) event;
        assertThat(auth.user().name()).isEqualTo("王小明");
        assertThat(auth.base().statusId()).isEqualTo(2);
        assertThat(auth.base().statusDetail()).isEqualTo("密碼錯誤");
        assertThat(auth.base().severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void mapsSeverityScale() {
        assertThat(SeverityScales.tenPoint("0")).isEqualTo(Severity.LOW);
        assertThat(SeverityScales.tenPoint("3")).isEqualTo(Severity.LOW);
        assertThat(SeverityScales.tenPoint("4")).isEqualTo(Severity.MEDIUM);
        assertThat(SeverityScales.tenPoint("7")).isEqualTo(Severity.HIGH);
        assertThat(SeverityScales.tenPoint("10")).isEqualTo(Severity.CRITICAL);
        assertThat(SeverityScales.tenPoint("11")).isEqualTo(Severity.UNKNOWN);
        assertThat(SeverityScales.tenPoint("Unknown")).isEqualTo(Severity.UNKNOWN);
        assertThat(SeverityScales.tenPoint("very-high")).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void keepsUnknownSeverityAndUnmappedKeys() {
        OcsfEvent event = decodeOne("CEF:0|V|P|1|1|n|urgent|foo=bar deviceCustomNumber1=42 deviceCustomNumber1Label=score");
        assertThat(event.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(event.base().unmapped()).containsEntry("severity", "urgent").containsEntry("foo", "bar")
                .containsEntry("score", "42");
    }

    @Test
    void acceptsMissingTrailingPipeAndEmptyExtension() {
        assertThat(decodeOne("CEF:0|V|P|1|1|name|2").base().message()).isEqualTo("name");
        assertThat(decodeOne("CEF:0|V|P|1|1|name|2|").base().message()).isEqualTo("name");
    }

    @Test
    void refusesTruncatedHeader() {
        assertThat(decoder.decode("CEF:0|Vendor|Prod", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
        assertThat(decoder.decode("", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
        assertThat(decoder.decode("LEEF:1.0|x", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
    }

    @Test
    void readsEpochMillisecondsAndZonedTimes() {
        assertThat(decodeOne("CEF:0|V|P|1|1|n|2|rt=1767225600000").base().time()).isEqualTo(1_767_225_600_000L);
        assertThat(decodeOne("CEF:0|V|P|1|1|n|2|rt=Jan 01 2026 00:00:00 UTC").base().time())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        assertThat(decodeOne("CEF:0|V|P|1|1|n|2|rt=Jan 01 2026 08:00:00 +0800").base().time())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        assertThat(decodeOne("CEF:0|V|P|1|1|n|2|rt=Jan 01 2026 00:00:00", CONTEXT.inZone(ZoneOffset.UTC)).base().time())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        OcsfEvent noTime = decodeOne("CEF:0|V|P|1|1|n|2|rt=not a time");
        assertThat(noTime.base().time()).isEqualTo(CONTEXT.receivedAt().toEpochMilli());
        assertThat(noTime.base().unmapped()).containsEntry("rt", "not a time");
    }

    @Test
    void splitsOneRecordPerLineAndKeepsRawWhenAsked() {
        Decoding decoding = decoder.decode("CEF:0|V|P|1|1|a|2|msg=one\nCEF:0|V|P|1|1|b|2|msg=two\r\nbroken", CONTEXT.keepingRaw(true));
        Decoding.Decoded decoded = (Decoding.Decoded) decoding;
        assertThat(decoded.events()).hasSize(2);
        assertThat(decoded.events().get(1).base().message()).isEqualTo("two\r\nbroken");
        assertThat(decoded.events().getFirst().base().rawData()).isEqualTo("CEF:0|V|P|1|1|a|2|msg=one");
        assertThat(decoder.decode("CEF:0|V|P|1|1|a|2|msg=x", CONTEXT)).isInstanceOfSatisfying(Decoding.Decoded.class,
                d -> assertThat(d.events().getFirst().base().rawData()).isNull());
    }

    @Test
    void surfacesObservables() {
        OcsfEvent event = decodeOne("CEF:0|V|P|1|1|connection|2|src=10.0.0.1 dst=10.0.0.2 shost=ws1");
        assertThat(event.base().observables()).extracting(o -> o.name() + "=" + o.value())
                .contains("src_endpoint.ip=10.0.0.1", "dst_endpoint.ip=10.0.0.2", "src_endpoint.hostname=ws1");
    }
}
