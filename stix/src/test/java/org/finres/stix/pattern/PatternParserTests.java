package org.finres.stix.pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatternParserTests {

    /** Patterns from the STIX 2.1 specification's patterning examples (section 9.9) and the OASIS examples. */
    @ParameterizedTest
    @ValueSource(strings = {
            "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
            "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
            "[file:hashes.'SHA-256' = 'aec07064' AND file:mime_type = 'application/x-pdf']",
            "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
            "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS",
            "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']",
            "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
            "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
            "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
            "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
            "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
            "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 180 SECONDS",
            "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
            "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
            "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
            "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\CryptoLocker\\\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\CurrentVersion\\\\Run\\\\CryptoLocker_0388']",
            "[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']",
            "[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']",
            "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
            "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
            "[network-traffic:src_ref.value ISSUBSET '10.0.0.0/8' AND network-traffic:dst_port IN (80, 443, 8080)] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
            "[ipv4-addr:value NOT = '10.0.0.1' AND EXISTS ipv4-addr:belongs_to_refs AND ipv4-addr:value != '10.0.0.2' AND ipv4-addr:value <> '10.0.0.3']",
            "[file:name LIKE '%.exe' AND file:size >= 10 AND file:size <= 20 AND file:size < 30.5 AND file:is_hidden == true AND file:x_blob = b'SGVsbG8=']",
            "[process:arguments[0] = '-c' AND process:arguments[-1] = 'x'] AND ([ipv6-addr:value ISSUPERSET '2001:db8::1'] OR [mutex:name = 'm'])"
    })
    void parsesSpecificationExamples(String pattern) {
        assertThat(PatternParser.parse(pattern)).isNotNull();
    }

    @Test
    void buildsTheExpectedTree() {
        StixPattern p = PatternParser.parse("[file:hashes.'SHA-256' = 'ab'] FOLLOWEDBY [url:value = 'x'] WITHIN 5 SECONDS");
        assertThat(p).isInstanceOf(StixPattern.Combined.class);
        var c = (StixPattern.Combined) p;
        assertThat(c.join()).isEqualTo(StixPattern.Join.FOLLOWEDBY);
        var first = (StixPattern.Observation) c.operands().get(0);
        var test = (StixPattern.Comparison.Test) first.comparison();
        assertThat(test.path()).isEqualTo(new StixPattern.ObjectPath("file",
                java.util.List.of(new StixPattern.Step.Property("hashes"), new StixPattern.Step.Property("SHA-256"))));
        assertThat(c.operands().get(1)).isInstanceOf(StixPattern.Qualified.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "[file:name = 'a'|17|']' or AND/OR",
            "[file:name 'a']|12|a comparison operator",
            "[file name = 'a']|7|':' after the object type",
            "[file:name = 'a'] WITHIN 0 SECONDS|26|a positive number of seconds",
            "[file:name = 'a'] AND|22|'[' or '('",
            "[file:name MATCHES '(']|20|a valid regular expression",
            "[file:created = t'2016-13-01T00:00:00Z']|17|an RFC 3339 UTC timestamp inside t'...'",
            "[file:name = 'a'] REPEATS 2|28|TIMES",
            "[file:size > true]|14|an orderable literal (number, string, timestamp, binary)"
    })
    void reportsColumnAndWhatWasExpected(String pattern, int column, String expected) {
        assertThatThrownBy(() -> PatternParser.parse(pattern))
                .isInstanceOfSatisfying(PatternSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.expected()).startsWith(expected);
                });
    }

    @Test
    void rejectsNestingTooDeepInsteadOfOverflowing() {
        assertThatThrownBy(() -> PatternParser.parse("(".repeat(5000) + "[a:b = 1]" + ")".repeat(5000)))
                .isInstanceOf(PatternSyntaxException.class);
    }
}
