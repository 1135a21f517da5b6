package org.finres.stix.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.finres.stix.StixValidator;
import org.finres.stix.Tlp;
import org.finres.stix.model.StixObject;
import org.finres.stix.pattern.PatternParser;
import org.junit.jupiter.api.Test;

class CsvIndicatorsTests {

    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    private static Conversion sample() {
        return CsvIndicators.decode(Samples.read("indicators.csv"), Tlp.GREEN, NOW);
    }

    private static List<StixObject> ofType(Conversion c, String type) {
        return c.bundle().objects().stream().filter(o -> o.type().equals(type)).toList();
    }

    @Test
    void convertsTheGoodRowsAndNamesEveryBadOneByLineAndColumn() {
        Conversion c = sample();
        assertThat(c.converted()).isEqualTo(5);
        assertThat(c.problems()).extracting(ConversionProblem::location).containsExactly(
                "line 7, column value", "line 8, column type", "line 9, column tlp", "line 9, column confidence",
                "line 9, column valid_from");
        assertThat(c.problems().get(0).message()).contains("203.0.113.999").contains("octet above 255");
        assertThat(c.problems().get(1).message()).contains("unknown type 'unknown-kind'").contains("ipv4-addr");
        assertThat(c.problems().get(3).message()).contains("101");
    }

    @Test
    void everyObjectValidatesAndEveryPatternParses() {
        Conversion c = sample();
        StixValidator validator = new StixValidator();
        assertThat(validator.validate(c.bundle())).isEmpty();
        List<StixObject> indicators = ofType(c, "indicator");
        assertThat(indicators).hasSize(5);
        for (StixObject i : indicators) {
            PatternParser.parse(i.json().tree().get("pattern").asString());
        }
    }

    @Test
    void mapsColumnsToIndicatorProperties() {
        Conversion c = sample();
        StixObject first = ofType(c, "indicator").getFirst();
        var t = first.json().tree();
        assertThat(t.get("pattern").asString()).isEqualTo("[ipv4-addr:value = '198.51.100.7']");
        assertThat(t.get("confidence").asInt()).isEqualTo(80);
        assertThat(t.get("valid_from").asString()).isEqualTo("2026-11-29T08:00:00Z");
        assertThat(t.get("valid_until").asString()).isEqualTo("2026-12-29T00:00:00.000Z");
        assertThat(t.get("labels").toString()).isEqualTo("[\"phishing\",\"sms\"]");
        assertThat(t.get("name").asString()).isEqualTo("Phishing host");
        assertThat(first.common().objectMarkingRefs()).containsExactly(Tlp.GREEN.id());
    }

    @Test
    void normalisesValuesAndKeepsQuotedCommasQuotesAndLineBreaks() {
        Conversion c = sample();
        List<String> patterns = ofType(c, "indicator").stream().map(o -> o.json().tree().get("pattern").asString()).toList();
        assertThat(patterns).contains("[domain-name:value = 'login-verify.example-bank.net']",
                "[url:value = 'https://login-verify.example-bank.net/otp?step=1,2']",
                "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
                "[ipv6-addr:value = '2001:db8::dead:beef']");
        StixObject url = ofType(c, "indicator").get(2);
        assertThat(url.json().tree().get("description").asString()).isEqualTo("Lure URL, seen in SMS \"urgent\" messages");
        assertThat(ofType(c, "indicator").get(4).json().tree().get("description").asString()).isEqualTo("multi\nline note");
    }

    @Test
    void appliesTheDefaultTlpToRowsWithoutOneAndIncludesTheMarkingDefinitions() {
        Conversion c = sample();
        assertThat(ofType(c, "indicator")).extracting(o -> Tlp.strictest(o.common().objectMarkingRefs()).orElseThrow())
                .containsExactly(Tlp.GREEN, Tlp.GREEN, Tlp.AMBER, Tlp.RED, Tlp.AMBER_STRICT);
        assertThat(ofType(c, "marking-definition")).extracting(StixObject::id)
                .containsExactlyInAnyOrder(Tlp.GREEN.id(), Tlp.AMBER.id(), Tlp.RED.id(), Tlp.AMBER_STRICT.id());
    }

    @Test
    void observablesHaveDeterministicIds() {
        Conversion a = sample();
        Conversion b = CsvIndicators.decode("type,value\nipv4-addr,198.51.100.7\n", Tlp.GREEN, NOW);
        assertThat(ofType(b, "ipv4-addr").getFirst().id()).isEqualTo(ofType(a, "ipv4-addr").getFirst().id());
        assertThat(ofType(b, "ipv4-addr").getFirst().id().uuidVersion()).isEqualTo(5);
    }

    @Test
    void escapesQuotesAndBackslashesInPatterns() {
        Conversion c = CsvIndicators.decode("type,value\nurl,http://x.example/a'b\\c\n", Tlp.GREEN, NOW);
        assertThat(c.problems()).isEmpty();
        String pattern = ofType(c, "indicator").getFirst().json().tree().get("pattern").asString();
        assertThat(pattern).isEqualTo("[url:value = 'http://x.example/a\\'b\\\\c']");
        PatternParser.parse(pattern);
    }

    @Test
    void refusesAFileWithoutHeader() {
        assertThatThrownBy(() -> CsvIndicators.decode("ipv4-addr,198.51.100.7\n", Tlp.GREEN, NOW))
                .isInstanceOf(ConversionRefusedException.class)
                .hasMessageContaining("line 1, column 1").hasMessageContaining("looks like data");
        assertThatThrownBy(() -> CsvIndicators.decode("", Tlp.GREEN, NOW))
                .isInstanceOf(ConversionRefusedException.class).hasMessageContaining("no header");
    }

    @Test
    void refusesUnknownRepeatedOrMissingColumns() {
        assertThatThrownBy(() -> CsvIndicators.decode("type,value,colour\nurl,http://a.example/\n", Tlp.GREEN, NOW))
                .hasMessageContaining("line 1, column 3").hasMessageContaining("unknown column 'colour'");
        assertThatThrownBy(() -> CsvIndicators.decode("type,value,Type\nurl,http://a.example/,x\n", Tlp.GREEN, NOW))
                .hasMessageContaining("column 'type' appears twice");
        assertThatThrownBy(() -> CsvIndicators.decode("type,tlp\nurl,green\n", Tlp.GREEN, NOW))
                .hasMessageContaining("no 'value' column");
    }

    @Test
    void refusesAnUnterminatedQuoteAndAHeaderWithoutRows() {
        assertThatThrownBy(() -> CsvIndicators.decode("type,value\nurl,\"http://a.example/\n", Tlp.GREEN, NOW))
                .hasMessageContaining("line 2").hasMessageContaining("never closed");
        assertThatThrownBy(() -> CsvIndicators.decode("type,value\n\n", Tlp.GREEN, NOW))
                .hasMessageContaining("no indicator rows");
    }

    @Test
    void namesARowWithTheWrongNumberOfFields() {
        Conversion c = CsvIndicators.decode("type,value\r\nurl,http://a.example/,extra\r\nurl,http://b.example/\r\n", Tlp.GREEN, NOW);
        assertThat(c.converted()).isEqualTo(1);
        assertThat(c.problems()).singleElement().hasToString("line 2: has 3 fields, the header 2");
    }

    @Test
    void refusesValidUntilBeforeValidFrom() {
        Conversion c = CsvIndicators.decode("type,value,valid_from,valid_until\nurl,http://a.example/,2026-11-02,2026-11-01\n",
                Tlp.GREEN, NOW);
        assertThat(c.converted()).isZero();
        assertThat(c.problems()).singleElement().extracting(ConversionProblem::message).asString().contains("not after valid_from");
    }
}
