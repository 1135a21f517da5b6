package org.finres.stix.convert;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.stix.Tlp;

/**
 * Arbitrary text, and arbitrary attribute types and values inside a well-formed event, are converted or
 * refused with {@link ConversionRefusedException} only; whatever is converted validates.
 */
class MispEventsFuzzTest {

    private static final String[] TYPES = {"ip-src", "ip-dst", "ip-src|port", "domain", "hostname", "domain|ip", "url",
            "md5", "sha1", "sha256", "filename", "filename|md5", "filename|sha256", "email-src", "text", ""};

    @FuzzTest(maxDuration = "60s")
    void convertsOrRefusesWithOurExceptionOnly(FuzzedDataProvider data) {
        String type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        String value = data.consumeString(200);
        String tag = data.consumeString(20);
        String distribution = data.consumeString(3);
        String rest = data.consumeRemainingAsString();
        String event = "{\"Event\":{\"info\":" + quote(value) + ",\"distribution\":" + quote(distribution)
                + ",\"Tag\":[{\"name\":" + quote("tlp:" + tag) + "}],\"Attribute\":[{\"type\":" + quote(type)
                + ",\"value\":" + quote(value) + ",\"to_ids\":true,\"timestamp\":" + quote(distribution) + "}],"
                + "\"Object\":[{\"name\":\"file\",\"Attribute\":[{\"type\":" + quote(type) + ",\"value\":" + quote(value) + "}]}]}}";
        for (String text : new String[] {event, rest}) {
            try {
                CsvIndicatorsFuzzTest.check(MispEvents.decode(text, Tlp.GREEN));
            } catch (ConversionRefusedException e) {
                // documented refusal
            }
        }
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }
}
