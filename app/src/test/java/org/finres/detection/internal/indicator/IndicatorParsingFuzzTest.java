package org.finres.detection.internal.indicator;

import java.util.Random;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indicator parser, fed any type code and text, either returns a canonical value (which parses to itself again)
 * or throws our {@link IndicatorFormatException}; the bulk list parser never throws at all; and the index matches
 * any observable without throwing.
 */
class IndicatorParsingFuzzTest {

    private static final String[] TYPES = {"ipv4", "ipv6", "ip", "cidr", "domain", "url", "md5", "sha1", "sha256",
            "email", "bogus"};

    private static final IndicatorIndex INDEX = IndicatorIndex.of(java.util.List.of(
            Indicator.parse("ipv4", "192.0.2.1", 1), Indicator.parse("cidr", "10.0.0.0/8", 2),
            Indicator.parse("cidr", "::/16", 3), Indicator.parse("ipv6", "2001:db8::1", 4),
            Indicator.parse("domain", "evil.example", 5), Indicator.parse("url", "http://evil.example/x", 6),
            Indicator.parse("email", "ceo@evil.example", 7),
            Indicator.parse("md5", "d41d8cd98f00b204e9800998ecf8427e", 8)));

    @FuzzTest
    void indicatorParser(FuzzedDataProvider data) {
        String type = data.consumeBoolean() ? TYPES[data.consumeInt(0, TYPES.length - 1)] : data.consumeString(12);
        parseOne(type, data.consumeRemainingAsString());
    }

    @FuzzTest
    void typeInference(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            parseOne(IndicatorType.infer(text).code(), text);
        } catch (IndicatorFormatException expected) {
            // The documented answer to a value of no known shape.
        }
    }

    @FuzzTest
    void bulkListParser(FuzzedDataProvider data) {
        ListFormat format = data.consumeBoolean() ? null : ListFormat.values()[data.consumeInt(0, 2)];
        String content = data.consumeRemainingAsString();
        IndicatorList list = format == null ? IndicatorListParser.parse(content)
                : IndicatorListParser.parse(content, format);
        for (LineError error : list.errors()) {
            assertThat(error.reason()).isNotBlank();
        }
    }

    @FuzzTest
    void indexMatch(FuzzedDataProvider data) {
        String observable = data.consumeRemainingAsString();
        for (IndicatorHit hit : INDEX.match(observable)) {
            assertThat(hit.observable()).isSameAs(observable);
        }
    }

    private static void parseOne(String type, String text) {
        IndicatorValue value;
        try {
            value = IndicatorValue.parse(type, text);
        } catch (IndicatorFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        // Canonical means stable: parsing the canonical text again gives the same value.
        assertThat(IndicatorValue.parse(value.type(), value.value())).isEqualTo(value);
        INDEX.match(value.value());
    }

    /** The same properties over random text built from the characters indicators are made of, in the normal build. */
    @Test
    void randomTextNeverEscapesAsAnythingButOurException() {
        Random random = new Random(11);
        String alphabet = "0123456789abcdefABCDEF.:/[]%@-_ ,\"\n\r{}#xn-üß例:/?=&\\";
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = switch (random.nextInt(4)) {
                case 0 -> "http://" + text;
                case 1 -> "::" + text;
                case 2 -> "a@" + text;
                default -> text.toString();
            };
            parseOne(TYPES[random.nextInt(TYPES.length)], value);
            try {
                parseOne(IndicatorType.infer(value).code(), value);
            } catch (IndicatorFormatException expected) {
                // documented
            }
            INDEX.match(value);
            IndicatorListParser.parse(value + "\n" + value);
            IndicatorListParser.parse("{\"value\":\"" + value + "\"}", ListFormat.JSON_LINES);
            IndicatorListParser.parse("type,value\n\"" + value + "\"," + value, ListFormat.CSV);
        }
    }
}
