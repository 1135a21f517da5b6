package org.finres.events.internal.decode;

import org.finres.core.InstitutionId;
import org.finres.events.Authentication;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.NetworkActivity;
import org.finres.events.OcsfEvent;
import org.finres.events.OcsfValidator;
import org.finres.events.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LeefDecoderTests {

    private static final DecodeContext CONTEXT = DecodeContext.of(InstitutionId.of("bank-a"),
            Instant.parse("2026-03-01T00:00:00Z"));

    private final LeefDecoder decoder = new LeefDecoder();

    private OcsfEvent decodeOne(String line) {
        Decoding decoding = decoder.decode(line, CONTEXT);
        assertThat(decoding).isInstanceOf(Decoding.Decoded.class);
        OcsfEvent event = ((Decoding.Decoded) decoding).events().getFirst();
        assertThat(OcsfValidator.validate(event)).isEmpty();
        return event;
    }

    @Test
    void readsLeef10TabDelimitedAttributes() {
        OcsfEvent event = decodeOne("LEEF:1.0|Microsoft|MSExchange|2016|15345|src=10.50.1.1\tdst=2.10.20.20\t"
                + "srcPort=1200\tdstPort=443\tsev=7\tproto=TCP\turlPath=/a=b");
        assertThat(event).isInstanceOf(NetworkActivity.class);
        NetworkActivity network = (NetworkActivity) event;
        assertThat(network.srcEndpoint().port()).isEqualTo(1200);
        assertThat(network.dstEndpoint().ip()).isEqualTo("2.10.20.20");
        assertThat(network.severity()).isEqualTo(Severity.HIGH);
        assertThat(network.base().unmapped()).containsEntry("urlPath", "/a=b");
        assertThat(network.base().metadata().eventCode()).isEqualTo("15345");
        assertThat(network.base().metadata().logFormat()).isEqualTo("LEEF:1.0");
    }

    @Test
    void readsLeef20CaretAndHexDelimiters() {
        OcsfEvent caret = decodeOne("LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5^usrName=陳美玲");
        assertThat(((NetworkActivity) caret).srcEndpoint().ip()).isEqualTo("10.0.1.8");
        assertThat(caret.base().actor().user().name()).isEqualTo("陳美玲");
        OcsfEvent hexTab = decodeOne("LEEF:2.0|V|P|1.0|E|x09|src=10.0.0.1\tdst=10.0.0.2");
        assertThat(((NetworkActivity) hexTab).dstEndpoint().ip()).isEqualTo("10.0.0.2");
        OcsfEvent hexCaret = decodeOne("LEEF:2.0|V|P|1.0|E|0x5E|src=10.0.0.1^dst=10.0.0.3");
        assertThat(((NetworkActivity) hexCaret).dstEndpoint().ip()).isEqualTo("10.0.0.3");
        OcsfEvent omitted = decodeOne("LEEF:2.0|V|P|1.0|E|src=10.0.0.1\tdst=10.0.0.4");
        assertThat(((NetworkActivity) omitted).dstEndpoint().ip()).isEqualTo("10.0.0.4");
    }

    @Test
    void keepsEscapedDelimitersAndHeaderPipes() {
        OcsfEvent event = decodeOne("LEEF:2.0|Ven\\|dor|P|1.0|E|^|msg=a\\^b^src=10.0.0.1");
        assertThat(event.base().metadata().product().vendorName()).isEqualTo("Ven|dor");
        assertThat(event.base().message()).isEqualTo("a^b");
    }

    @Test
    void readsDevTimeWithItsFormat() {
        OcsfEvent event = decodeOne("LEEF:1.0|V|P|1|E|devTime=2026-02-03 04:05:06 +0000\tdevTimeFormat=yyyy-MM-dd HH:mm:ss Z\tsrc=10.0.0.1");
        assertThat(event.base().time()).isEqualTo(Instant.parse("2026-02-03T04:05:06Z").toEpochMilli());
        OcsfEvent local = decodeOne("LEEF:1.0|V|P|1|E|devTime=Feb 03 2026 12:05:06\tsrc=10.0.0.1");
        assertThat(local.base().time()).isEqualTo(Instant.parse("2026-02-03T04:05:06Z").toEpochMilli());
        OcsfEvent badFormat = decodeOne("LEEF:1.0|V|P|1|E|devTime=1767225600000\tdevTimeFormat=qqqq bogus {\tsrc=10.0.0.1");
        assertThat(badFormat.base().time()).isEqualTo(1_767_225_600_000L);
    }

    @Test
    void mapsLoginFlagsToAuthentication() {
        OcsfEvent event = decodeOne("LEEF:1.0|IBM|QRadar|7|LOGIN|usrName=admin\tisLoginEvent=true\tsrc=10.9.9.9");
        assertThat(event).isInstanceOf(Authentication.class);
        assertThat(((Authentication) event).user().name()).isEqualTo("admin");
    }

    @Test
    void refusesBrokenHeaders() {
        assertThat(decoder.decode("LEEF:1.0|V|P", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
        assertThat(decoder.decode("LEEF:9.0|V|P|1|E|a=b", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
        assertThat(decoder.decode("CEF:0|V|P|1|E|n|1|", CONTEXT)).isInstanceOf(Decoding.Undecodable.class);
    }
}
