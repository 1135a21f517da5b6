package org.finres.stix.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.finres.stix.StixValidator;
import org.finres.stix.Tlp;
import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;
import org.finres.stix.pattern.PatternParser;
import org.junit.jupiter.api.Test;

class MispEventsTests {

    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    private static Conversion sample() {
        return MispEvents.decode(Samples.read("misp-credential-phishing.json"), Tlp.GREEN, NOW);
    }

    private static List<StixObject> ofType(Conversion c, String type) {
        return c.bundle().objects().stream().filter(o -> o.type().equals(type)).toList();
    }

    private static Optional<StixObject> indicatorFor(Conversion c, String pattern) {
        return ofType(c, "indicator").stream().filter(o -> o.json().tree().get("pattern").asString().equals(pattern)).findFirst();
    }

    private static Tlp tlp(StixObject o) {
        return Tlp.strictest(o.common().objectMarkingRefs()).orElseThrow();
    }

    @Test
    void convertsSupportedAttributesAndObjectsAndNamesTheRestByPath() {
        Conversion c = sample();
        assertThat(c.converted()).isEqualTo(9);
        assertThat(c.problems()).extracting(ConversionProblem::location)
                .containsExactly("$.Event.Attribute[6].type", "$.Event.Attribute[7].value");
        assertThat(c.problems().get(0).message()).contains("'text' is not converted");
        assertThat(c.problems().get(1).message()).contains("203.0.113.300");
    }

    @Test
    void everyObjectValidatesAndEveryPatternParses() {
        Conversion c = sample();
        assertThat(new StixValidator().validate(c.bundle())).isEmpty();
        for (StixObject i : ofType(c, "indicator")) PatternParser.parse(i.json().tree().get("pattern").asString());
        assertThat(ofType(c, "indicator")).hasSize(9);
    }

    @Test
    void indicatorsKeepTheAttributeUuidAndTimestampSoAReExportIsTheSameVersion() {
        StixObject domain = indicatorFor(sample(), "[domain-name:value = 'secure-otp-verify.example-bank-login.com']").orElseThrow();
        assertThat(domain.id()).isEqualTo(StixId.parse("indicator--8c1e4b2a-7d3f-4a6b-9e1c-2f5d8a0b3c71"));
        assertThat(domain.common().modified().text()).isEqualTo("2026-11-28T09:00:00.000Z");
        assertThat(domain.json().tree().get("description").asString()).isEqualTo("Landing domain in the SMS lure");
        StixObject again = indicatorFor(sample(), "[domain-name:value = 'secure-otp-verify.example-bank-login.com']").orElseThrow();
        assertThat(again.json().text()).isEqualTo(domain.json().text());
    }

    @Test
    void takesTlpFromTagsThenDistributionNeverLoosenedByDistribution() {
        Conversion c = sample();
        assertThat(tlp(indicatorFor(c, "[domain-name:value = 'secure-otp-verify.example-bank-login.com']").orElseThrow()))
                .isEqualTo(Tlp.AMBER);
        assertThat(tlp(indicatorFor(c, "[ipv4-addr:value = '203.0.113.77']").orElseThrow())).isEqualTo(Tlp.GREEN);
        assertThat(tlp(indicatorFor(c, "[ipv6-addr:value = '2001:db8:4f::1a']").orElseThrow())).isEqualTo(Tlp.AMBER_STRICT);
        String untagged = "{\"Event\":{\"info\":\"x\",\"distribution\":\"0\",\"Attribute\":[{\"type\":\"domain\",\"value\":\"a.example\",\"to_ids\":true,\"distribution\":\"3\"}]}}";
        assertThat(tlp(ofType(MispEvents.decode(untagged, Tlp.CLEAR, NOW), "indicator").getFirst())).isEqualTo(Tlp.AMBER_STRICT);
        String bare = "{\"info\":\"x\",\"Attribute\":[{\"type\":\"domain\",\"value\":\"a.example\",\"to_ids\":\"1\"}]}";
        assertThat(tlp(ofType(MispEvents.decode(bare, Tlp.CLEAR, NOW), "indicator").getFirst())).isEqualTo(Tlp.CLEAR);
    }

    @Test
    void attributesNotForDetectionBecomeObservablesOnly() {
        Conversion c = sample();
        assertThat(ofType(c, "email-addr")).singleElement()
                .satisfies(e -> assertThat(e.json().tree().get("value").asString()).isEqualTo("notice@example-bank-login.com"));
        assertThat(ofType(c, "indicator")).noneMatch(i -> i.json().tree().get("pattern").asString().contains("email-addr"));
    }

    @Test
    void aFileObjectBecomesOneObservableAndOneIndicatorOverAllItsHashes() {
        Conversion c = sample();
        assertThat(ofType(c, "file")).singleElement().satisfies(f -> {
            assertThat(f.json().tree().get("name").asString()).isEqualTo("BankSecurityUpdate.apk");
            assertThat(f.json().tree().get("hashes").get("SHA-256").asString())
                    .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        });
        assertThat(indicatorFor(c, "[file:name = 'BankSecurityUpdate.apk' AND file:hashes.'SHA-256' = "
                + "'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' AND file:hashes.MD5 = "
                + "'098f6bcd4621d373cade4e832627b4f6']")).isPresent();
    }

    @Test
    void theSameValueTwiceIsOneObservable() {
        Conversion c = sample();
        assertThat(ofType(c, "ipv4-addr")).extracting(o -> o.json().tree().get("value").asString())
                .containsExactlyInAnyOrder("203.0.113.77", "198.51.100.23");
        assertThat(ofType(c, "domain-name")).extracting(o -> o.json().tree().get("value").asString())
                .contains("cdn-update.example-bank-login.com", "panel.example-bank-login.com");
    }

    @Test
    void theEventBecomesAReportListingOnlyObjectsNoStricterThanItself() {
        Conversion c = sample();
        StixObject report = ofType(c, "report").getFirst();
        var t = report.json().tree();
        assertThat(report.id()).isEqualTo(StixId.parse("report--5f0c2a7e-3b41-4c8e-9d2a-6a1f0b7c9e31"));
        assertThat(t.get("name").asString()).isEqualTo("Credential phishing against internet-banking customers (fake OTP page)");
        assertThat(t.get("published").asString()).isEqualTo("2026-11-28T10:00:00.000Z");
        assertThat(tlp(report)).isEqualTo(Tlp.AMBER);
        assertThat(t.get("labels").toString()).contains("misp-galaxy:sector=\\\"Finance\\\"");
        StixObject strict = indicatorFor(c, "[ipv6-addr:value = '2001:db8:4f::1a']").orElseThrow();
        List<String> refs = t.get("object_refs").valueStream().map(n -> n.asString()).toList();
        assertThat(refs).doesNotContain(strict.id().toString())
                .doesNotContain(ofType(c, "ipv6-addr").getFirst().id().toString())
                .contains(indicatorFor(c, "[ipv4-addr:value = '203.0.113.77']").orElseThrow().id().toString());
    }

    @Test
    void urlWithQuoteIsEscapedAndSeenTimesBecomeValidity() {
        StixObject url = ofType(sample(), "indicator").stream()
                .filter(o -> o.json().tree().get("pattern").asString().startsWith("[url:")).findFirst().orElseThrow();
        assertThat(url.json().tree().get("pattern").asString())
                .isEqualTo("[url:value = 'https://secure-otp-verify.example-bank-login.com/ib/otp.php?session=it\\'s']");
        assertThat(url.json().tree().get("valid_from").asString()).isEqualTo("2026-11-27T22:10:00.000Z");
        assertThat(url.json().tree().get("valid_until").asString()).isEqualTo("2026-11-28T06:45:00.000Z");
    }

    @Test
    void readsArraysAndSearchResponses() {
        String one = "{\"Event\":{\"info\":\"a\",\"Attribute\":[{\"type\":\"md5\",\"value\":\"d41d8cd98f00b204e9800998ecf8427e\",\"to_ids\":true}]}}";
        assertThat(MispEvents.decode("[" + one + "," + one + "]", Tlp.GREEN, NOW).converted()).isEqualTo(2);
        assertThat(MispEvents.decode("{\"response\":[" + one + "]}", Tlp.GREEN, NOW).converted()).isEqualTo(1);
    }

    @Test
    void anUnknownTlpTagIsNamedNotIgnored() {
        String json = "{\"Event\":{\"info\":\"a\",\"Attribute\":[{\"type\":\"domain\",\"value\":\"a.example\",\"to_ids\":true,"
                + "\"Tag\":[{\"name\":\"tlp:ultraviolet\"}]}]}}";
        Conversion c = MispEvents.decode(json, Tlp.GREEN, NOW);
        assertThat(c.converted()).isZero();
        assertThat(c.problems()).singleElement().hasToString(
                "$.Event.Attribute[0].Tag[0].name: unknown TLP tag 'tlp:ultraviolet'; one of " + TlpNames.ACCEPTED);
    }

    @Test
    void aSecondHashOfOneKindInAFileObjectIsNamedAndTheFirstUsed() {
        String json = "{\"Event\":{\"info\":\"a\",\"Object\":[{\"name\":\"file\",\"Attribute\":["
                + "{\"type\":\"md5\",\"value\":\"d41d8cd98f00b204e9800998ecf8427e\",\"to_ids\":true},"
                + "{\"type\":\"md5\",\"value\":\"098f6bcd4621d373cade4e832627b4f6\",\"to_ids\":true}]}]}}";
        Conversion c = MispEvents.decode(json, Tlp.GREEN, NOW);
        assertThat(c.converted()).isEqualTo(1);
        assertThat(c.problems()).singleElement().hasToString(
                "$.Event.Object[0].Attribute[1]: a second md5 in one file object; only the first is used");
        assertThat(ofType(c, "indicator").getFirst().json().tree().get("pattern").asString())
                .isEqualTo("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']");
    }

    @Test
    void refusesWhatIsNotJsonOrNotAnEvent() {
        assertThatThrownBy(() -> MispEvents.decode("{\"Event\": {\"info\": ", Tlp.GREEN, NOW))
                .isInstanceOf(ConversionRefusedException.class).hasMessageContaining("line 1").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> MispEvents.decode("{\"type\":\"bundle\",\"objects\":[]}", Tlp.GREEN, NOW))
                .isInstanceOf(ConversionRefusedException.class).hasMessageContaining("$: not a MISP event");
        assertThatThrownBy(() -> MispEvents.decode("", Tlp.GREEN, NOW)).isInstanceOf(ConversionRefusedException.class);
    }
}
