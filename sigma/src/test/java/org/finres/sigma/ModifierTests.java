package org.finres.sigma;

import org.finres.sigma.mapping.Pipeline;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.sigma.TestRules.matches;

/** One behaviour per test: every modifier of the appendix, wildcards, escapes, special values, maps and lists. */
class ModifierTests {

    private static final String CMD = "{\"Image\": \"C:\\\\Windows\\\\System32\\\\cmd.exe\", \"CommandLine\": \"cmd.exe /c whoami -all\", \"Count\": 42}";

    @Test
    void plainValuesMatchWholeValuesCaseInsensitively() {
        assertThat(matches("sel:\n    Image: 'c:\\windows\\system32\\CMD.EXE'\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Image: 'cmd.exe'\ncondition: sel", CMD)).isFalse();
    }

    @Test
    void starAndQuestionMarkAreWildcards() {
        assertThat(matches("sel:\n    Image: '*\\cmd.exe'\ncondition: sel", CMD)).isTrue();
        // A backslash before a wildcard must itself be escaped (\\*), or it escapes the wildcard.
        assertThat(matches("sel:\n    Image: 'C:\\\\*\\cm?.exe'\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Image: 'C:\\*\\cm?.exe'\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    Image: 'C:\\\\*\\c?.exe'\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    CommandLine: '*c*w?oami*'\ncondition: sel", CMD)).isTrue();
    }

    @Test
    void escapedWildcardsAndBackslashesAreLiterals() {
        String star = "{\"F\": \"a*b\", \"Q\": \"what?\", \"B\": \"x\\\\*y\", \"D\": \"\\\\\\\\server\"}";
        assertThat(matches("sel:\n    F: 'a\\*b'\ncondition: sel", star)).isTrue();
        assertThat(matches("sel:\n    F: 'a\\*b'\ncondition: sel", "{\"F\": \"axxb\"}")).isFalse();
        assertThat(matches("sel:\n    Q: 'what\\?'\ncondition: sel", star)).isTrue();
        assertThat(matches("sel:\n    Q: 'what\\?'\ncondition: sel", "{\"Q\": \"whatX\"}")).isFalse();
        // \\* is a backslash followed by a wildcard; \\\* a backslash and a star.
        assertThat(matches("sel:\n    B: 'x\\\\*'\ncondition: sel", star)).isTrue();
        assertThat(matches("sel:\n    B: 'x\\\\\\*y'\ncondition: sel", star)).isTrue();
        assertThat(matches("sel:\n    B: 'x\\\\\\*z'\ncondition: sel", star)).isFalse();
        // A plain backslash not before a wildcard stays; four backslashes are two.
        assertThat(matches("sel:\n    D: '\\\\\\\\server'\ncondition: sel", star)).isTrue();
    }

    @Test
    void containsStartswithEndswith() {
        assertThat(matches("sel:\n    CommandLine|contains: 'WHOAMI'\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    CommandLine|startswith: 'cmd.exe /c'\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    CommandLine|startswith: 'whoami'\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    Image|endswith: '\\cmd.exe'\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Image|endswith: '\\powershell.exe'\ncondition: sel", CMD)).isFalse();
        // Wildcards inside a contains value still work.
        assertThat(matches("sel:\n    CommandLine|contains: '/c * -all'\ncondition: sel", CMD)).isTrue();
    }

    @Test
    void listValuesAreOrAndAllMakesThemAnd() {
        assertThat(matches("sel:\n    CommandLine|contains:\n        - 'nope'\n        - 'whoami'\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    CommandLine|contains|all:\n        - '/c'\n        - 'whoami'\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    CommandLine|contains|all:\n        - '/c'\n        - 'nope'\ncondition: sel", CMD)).isFalse();
    }

    @Test
    void allWithASingleValueIsRejected() {
        SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.none())
                .ruleText("r.yml", TestRules.rule("r", "sel:\n    a|contains|all: 'x'\ncondition: sel")).build();
        assertThat(e.report().failed()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("'all' needs a list");
            assertThat(p.line()).isEqualTo(8);
        });
    }

    @Test
    void mapsAreAndListsOfMapsAreOr() {
        assertThat(matches("sel:\n    Image|endswith: '\\cmd.exe'\n    CommandLine|contains: 'nope'\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    - Image|endswith: '\\cmd.exe'\n      CommandLine|contains: 'nope'\n    - Count: 42\ncondition: sel", CMD)).isTrue();
    }

    @Test
    void numbersCompareAsNumbersOrText() {
        assertThat(matches("sel:\n    Count: 42\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Count: '42'\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Count: 42\ncondition: sel", "{\"Count\": \"42\"}")).isTrue();
        assertThat(matches("sel:\n    Count: 4\ncondition: sel", CMD)).isFalse();
    }

    @Test
    void windashAcceptsEveryDashCharacter() {
        String detection = "sel:\n    CommandLine|windash|contains: ' -all'\ncondition: sel";
        for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015"))
            assertThat(matches(detection, "{\"CommandLine\": \"whoami " + dash + "all\"}")).as(dash).isTrue();
        assertThat(matches(detection, "{\"CommandLine\": \"whoami +all\"}")).isFalse();
        assertThat(matches("sel:\n    CommandLine|contains|windash: ' /all'\ncondition: sel", CMD)).isTrue();
    }

    @Test
    void regularExpressionsAreCaseSensitiveUnlessI() {
        assertThat(matches("sel:\n    CommandLine|re: 'who[a-z]+ -a'\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    CommandLine|re: 'WHOAMI'\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    CommandLine|re|i: 'WHOAMI'\ncondition: sel", CMD)).isTrue();
        // Regular expressions see the raw value: no wildcard or escape processing.
        assertThat(matches("sel:\n    Image|re: '^C:\\\\Windows\\\\.*\\.exe$'\ncondition: sel", CMD)).isTrue();
    }

    @Test
    void regexMultilineAndDotAllSubModifiers() {
        String twoLines = "{\"Msg\": \"first\\nsecond line\"}";
        assertThat(matches("sel:\n    Msg|re: '^second'\ncondition: sel", twoLines)).isFalse();
        assertThat(matches("sel:\n    Msg|re|m: '^second'\ncondition: sel", twoLines)).isTrue();
        assertThat(matches("sel:\n    Msg|re: 'first.second'\ncondition: sel", twoLines)).isFalse();
        assertThat(matches("sel:\n    Msg|re|s: 'first.second'\ncondition: sel", twoLines)).isTrue();
    }

    @Test
    void invalidRegularExpressionsFailToLoadWithTheirLine() {
        SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.none())
                .ruleText("r.yml", TestRules.rule("r", "sel:\n    a|re: '(unclosed'\ncondition: sel")).build();
        assertThat(e.report().failed()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("invalid regular expression");
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.source()).isEqualTo("r.yml");
        });
    }

    @Test
    void regexFlagsWithoutReAreRejected() {
        SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.none())
                .ruleText("r.yml", TestRules.rule("r", "sel:\n    a|i: 'x'\ncondition: sel")).build();
        assertThat(e.report().failed()).singleElement().satisfies(p -> assertThat(p.reason()).contains("sub-modifier of 're'"));
    }

    @Test
    void base64EncodesTheValue() {
        String encoded = Base64.getEncoder().encodeToString("whoami /all".getBytes());
        assertThat(matches("sel:\n    Payload|base64: 'whoami /all'\ncondition: sel", "{\"Payload\": \"" + encoded + "\"}")).isTrue();
        assertThat(matches("sel:\n    Payload|base64|contains: 'whoami'\ncondition: sel",
                "{\"Payload\": \"xx" + Base64.getEncoder().encodeToString("whoami".getBytes()) + "yy\"}")).isTrue();
    }

    @Test
    void base64OffsetFindsTheValueAtAnyByteOffset() {
        String detection = "sel:\n    CommandLine|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel";
        for (String prefix : List.of("", "a", "ab", "abc", "IEX (")) {
            String encoded = Base64.getEncoder().encodeToString((prefix + "Invoke-Mimikatz -Dump").getBytes());
            assertThat(matches(detection, "{\"CommandLine\": \"powershell -enc " + encoded + "\"}")).as(prefix).isTrue();
        }
        String other = Base64.getEncoder().encodeToString("Invoke-Something".getBytes());
        assertThat(matches(detection, "{\"CommandLine\": \"" + other + "\"}")).isFalse();
    }

    @Test
    void utf16EncodingsFeedBase64() {
        String le = Base64.getEncoder().encodeToString("xIEX".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        String be = Base64.getEncoder().encodeToString("IEX".getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
        byte[] bom = "IEX".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[bom.length + 2];
        withBom[0] = (byte) 0xff;
        withBom[1] = (byte) 0xfe;
        System.arraycopy(bom, 0, withBom, 2, bom.length);
        String utf16 = Base64.getEncoder().encodeToString(withBom);
        assertThat(matches("sel:\n    P|wide|base64offset|contains: 'IEX'\ncondition: sel", "{\"P\": \"" + le + "\"}")).isTrue();
        assertThat(matches("sel:\n    P|utf16le|base64offset|contains: 'IEX'\ncondition: sel", "{\"P\": \"" + le + "\"}")).isTrue();
        assertThat(matches("sel:\n    P|utf16be|base64: 'IEX'\ncondition: sel", "{\"P\": \"" + be + "\"}")).isTrue();
        assertThat(matches("sel:\n    P|utf16|base64: 'IEX'\ncondition: sel", "{\"P\": \"" + utf16 + "\"}")).isTrue();
        assertThat(matches("sel:\n    P|utf16be|base64: 'IEX'\ncondition: sel", "{\"P\": \"" + utf16 + "\"}")).isFalse();
    }

    @Test
    void encodingAValueWithWildcardsIsRejected() {
        SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.none())
                .ruleText("r.yml", TestRules.rule("r", "sel:\n    a|contains|base64: 'x'\ncondition: sel")).build();
        assertThat(e.report().failed()).singleElement().satisfies(p -> assertThat(p.reason()).contains("wildcards"));
    }

    @Test
    void cidrMatchesIpv4AndIpv6Networks() {
        String v4 = "sel:\n    Ip|cidr: '10.0.0.0/8'\ncondition: sel";
        assertThat(matches(v4, "{\"Ip\": \"10.20.30.40\"}")).isTrue();
        assertThat(matches(v4, "{\"Ip\": \"11.0.0.1\"}")).isFalse();
        assertThat(matches(v4, "{\"Ip\": \"::ffff:10.1.2.3\"}")).isTrue();
        assertThat(matches(v4, "{\"Ip\": \"not an ip\"}")).isFalse();
        assertThat(matches("sel:\n    Ip|cidr: '192.168.1.0/23'\ncondition: sel", "{\"Ip\": \"192.168.0.7\"}")).isTrue();
        assertThat(matches("sel:\n    Ip|cidr: '192.168.1.0/24'\ncondition: sel", "{\"Ip\": \"192.168.0.7\"}")).isFalse();
        String v6 = "sel:\n    Ip|cidr: 'fe80::/10'\ncondition: sel";
        assertThat(matches(v6, "{\"Ip\": \"fe80::1%eth0\"}")).isTrue();
        assertThat(matches(v6, "{\"Ip\": \"FEBF:0:0:0:0:0:0:1\"}")).isTrue();
        assertThat(matches(v6, "{\"Ip\": \"fec0::1\"}")).isFalse();
        assertThat(matches("sel:\n    Ip|cidr: '2001:db8::/32'\ncondition: sel", "{\"Ip\": \"2001:db8:1::ff\"}")).isTrue();
        assertThat(matches("sel:\n    Ip|cidr:\n        - '10.0.0.0/8'\n        - '::1/128'\ncondition: sel", "{\"Ip\": \"::1\"}")).isTrue();
    }

    @Test
    void invalidNetworksFailToLoad() {
        for (String bad : List.of("10.0.0.0/33", "10.0.0/8", "fe80:::1/10", "host.example/8")) {
            SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.none())
                    .ruleText("r.yml", TestRules.rule("r", "sel:\n    a|cidr: '" + bad + "'\ncondition: sel")).build();
            assertThat(e.report().failed()).as(bad).singleElement();
        }
    }

    @Test
    void existsChecksPresenceOnly() {
        assertThat(matches("sel:\n    Count|exists: true\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Missing|exists: true\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    Missing|exists: false\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Nothing|exists: true\ncondition: sel", "{\"Nothing\": null}")).isTrue();
    }

    @Test
    void nullMatchesAbsentOrNullAndEmptyStringMatchesEmpty() {
        assertThat(matches("sel:\n    Missing: null\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    N: null\ncondition: sel", "{\"N\": null}")).isTrue();
        assertThat(matches("sel:\n    Count: null\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    E: ''\ncondition: sel", "{\"E\": \"\"}")).isTrue();
        assertThat(matches("sel:\n    E: ''\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    Image: 'x'\nfilter:\n    Missing: null\ncondition: not sel and not filter", CMD)).isFalse();
    }

    @Test
    void casedMakesMatchingCaseSensitive() {
        assertThat(matches("sel:\n    CommandLine|cased|contains: 'whoami'\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    CommandLine|contains|cased: 'WHOAMI'\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    Image|cased: 'C:\\Windows\\System32\\cmd.exe'\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Image|cased: 'c:\\windows\\system32\\cmd.exe'\ncondition: sel", CMD)).isFalse();
    }

    @Test
    void neqMatchesPresentDifferentValues() {
        assertThat(matches("sel:\n    Count|neq: 7\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Count|neq: 42\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    Image|neq: 'C:\\Windows\\System32\\CMD.exe'\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    Missing|neq: 'x'\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    Count|neq|all:\n        - 1\n        - 2\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Count|neq|all:\n        - 1\n        - 42\ncondition: sel", CMD)).isFalse();
    }

    @Test
    void numericComparisons() {
        assertThat(matches("sel:\n    Count|lt: 43\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Count|lt: 42\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    Count|lte: 42\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Count|gt: 41.5\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Count|gt: 42\ncondition: sel", CMD)).isFalse();
        assertThat(matches("sel:\n    Count|gte: 42\ncondition: sel", CMD)).isTrue();
        assertThat(matches("sel:\n    Count|gte: 10\ncondition: sel", "{\"Count\": \"0x10\"}")).isTrue();
        assertThat(matches("sel:\n    Image|gte: 10\ncondition: sel", CMD)).isFalse();
    }

    @Test
    void numericModifiersNeedNumbers() {
        SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.none())
                .ruleText("r.yml", TestRules.rule("r", "sel:\n    a|gt: 'ten'\ncondition: sel")).build();
        assertThat(e.report().failed()).singleElement().satisfies(p -> assertThat(p.reason()).contains("a number is expected"));
    }

    @Test
    void fieldrefComparesTwoFieldsOfTheEvent() {
        String same = "{\"User\": \"CORP\\\\alice\", \"ParentUser\": \"corp\\\\ALICE\"}";
        String other = "{\"User\": \"CORP\\\\alice\", \"ParentUser\": \"CORP\\\\bob\"}";
        assertThat(matches("sel:\n    User|fieldref: ParentUser\ncondition: sel", same)).isTrue();
        assertThat(matches("sel:\n    User|fieldref: ParentUser\ncondition: sel", other)).isFalse();
        assertThat(matches("sel:\n    User|fieldref|neq: ParentUser\ncondition: sel", other)).isTrue();
        assertThat(matches("sel:\n    User|fieldref|cased: ParentUser\ncondition: sel", same)).isFalse();
        assertThat(matches("sel:\n    User|fieldref|endswith: Name\ncondition: sel", "{\"User\": \"CORP\\\\alice\", \"Name\": \"alice\"}")).isTrue();
        assertThat(matches("sel:\n    User|fieldref: Missing\ncondition: sel", same)).isFalse();
    }

    @Test
    void expandReplacesPlaceholdersWithConfiguredValues() {
        String rule = TestRules.rule("r", "sel:\n    Host|expand: '%Servers%'\n    Path|expand: 'C:\\\\%plain%dir'\ncondition: sel");
        SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.none())
                .placeholder("Servers", List.of("srv-*", "dc01")).placeholder("plain", List.of("x"))
                .ruleText("r.yml", rule).build();
        assertThat(e.report().failed()).isEmpty();
        assertThat(e.evaluate(TestRules.event("{\"Host\": \"SRV-42\", \"Path\": \"C:\\\\xdir\"}"), "t", 0)).hasSize(1);
        assertThat(e.evaluate(TestRules.event("{\"Host\": \"dc01\", \"Path\": \"C:\\\\xdir\"}"), "t", 1)).hasSize(1);
        assertThat(e.evaluate(TestRules.event("{\"Host\": \"ws01\", \"Path\": \"C:\\\\xdir\"}"), "t", 2)).isEmpty();
    }

    @Test
    void escapedPercentIsLiteralAndPlaceholdersWithoutExpandAreLiteral() {
        SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.none()).placeholder("name", List.of("v"))
                .ruleText("r.yml", TestRules.rule("r", "a:\n    F|expand: '\\%plain%name%'\nb:\n    G: '%name%'\ncondition: a and b")).build();
        assertThat(e.report().failed()).isEmpty();
        assertThat(e.evaluate(TestRules.event("{\"F\": \"%plainv\", \"G\": \"%name%\"}"), "t", 0)).hasSize(1);
    }

    @Test
    void unknownPlaceholdersMakeTheRuleUnsupported() {
        SigmaEngine e = SigmaEngine.builder().pipeline(Pipeline.none())
                .ruleText("r.yml", TestRules.rule("r", "sel:\n    Host|expand: '%Servers%'\ncondition: sel")).build();
        assertThat(e.report().unsupported()).singleElement().satisfies(p -> {
            assertThat(p.reason()).contains("%Servers%");
            assertThat(p.line()).isEqualTo(8);
        });
        assertThat(e.rules()).isEmpty();
    }

    @Test
    void timeModifiersExtractPartsOfDates() {
        String event = "{\"UtcTime\": \"2024-03-05 23:41:07.123\", \"Iso\": \"2024-12-30T01:02:03Z\"}";
        assertThat(matches("sel:\n    UtcTime|minute: 41\ncondition: sel", event)).isTrue();
        assertThat(matches("sel:\n    UtcTime|hour: 23\ncondition: sel", event)).isTrue();
        assertThat(matches("sel:\n    UtcTime|day: 5\ncondition: sel", event)).isTrue();
        assertThat(matches("sel:\n    UtcTime|month: 3\ncondition: sel", event)).isTrue();
        assertThat(matches("sel:\n    UtcTime|year: 2024\ncondition: sel", event)).isTrue();
        assertThat(matches("sel:\n    UtcTime|week: 10\ncondition: sel", event)).isTrue();
        assertThat(matches("sel:\n    Iso|week: 1\ncondition: sel", event)).isTrue();
        assertThat(matches("sel:\n    UtcTime|hour: 22\ncondition: sel", event)).isFalse();
        assertThat(matches("sel:\n    UtcTime|hour|gte: 22\ncondition: sel", event)).isTrue();
        assertThat(matches("sel:\n    UtcTime|hour:\n        - 0\n        - 1\ncondition: sel", event)).isFalse();
        assertThat(matches("sel:\n    Iso|hour:\n        - 0\n        - 1\ncondition: sel", event)).isTrue();
    }

    @Test
    void keywordsSearchEveryValueOfTheEvent() {
        assertThat(matches("keywords:\n    - 'nothing'\n    - 'WHOAMI'\ncondition: keywords", CMD)).isTrue();
        assertThat(matches("keywords:\n    - 'nothing'\ncondition: keywords", CMD)).isFalse();
        assertThat(matches("keywords:\n    '|all':\n        - 'whoami'\n        - 'system32'\ncondition: keywords", CMD)).isTrue();
        assertThat(matches("keywords:\n    '|all':\n        - 'whoami'\n        - 'nope'\ncondition: keywords", CMD)).isFalse();
        assertThat(matches("keywords:\n    - 'deep'\ncondition: keywords", "{\"a\": {\"b\": [\"x\", \"in the deep\"]}}")).isTrue();
    }

    @Test
    void arrayValuesMatchWhenAnElementMatches() {
        String event = "{\"Tags\": [\"alpha\", \"beta\"]}";
        assertThat(matches("sel:\n    Tags: 'beta'\ncondition: sel", event)).isTrue();
        assertThat(matches("sel:\n    Tags: 'gamma'\ncondition: sel", event)).isFalse();
    }

    @Test
    void dottedFieldNamesReachNestedObjects() {
        String event = "{\"userIdentity\": {\"arn\": \"arn:aws:iam::1:user/bob\"}, \"requestParameters\": {\"userName\": \"bob\"}}";
        assertThat(matches("sel:\n    userIdentity.arn|endswith: '/bob'\ncondition: sel", event)).isTrue();
        assertThat(matches("sel:\n    userIdentity.arn|fieldref|endswith: requestParameters.userName\ncondition: sel", event)).isTrue();
    }

    @Test
    void everyConditionFormEvaluates() {
        String d = "sel_a:\n    Image|endswith: '\\cmd.exe'\nsel_b:\n    CommandLine|contains: 'whoami'\n"
                + "_aux:\n    Count: 1\nfilter_x:\n    Count: 42\n";
        assertThat(matches(d + "condition: sel_a and sel_b", CMD)).isTrue();
        assertThat(matches(d + "condition: sel_a and not filter_x", CMD)).isFalse();
        assertThat(matches(d + "condition: (sel_a and not filter_x) or sel_b", CMD)).isTrue();
        assertThat(matches(d + "condition: all of sel_*", CMD)).isTrue();
        assertThat(matches(d + "condition: 1 of sel_* and not 1 of filter_*", CMD)).isFalse();
        assertThat(matches(d + "condition: all of them", CMD)).as("_aux is not part of them").isTrue();
        assertThat(matches(d + "condition: all of *", CMD)).as("patterns do include _aux").isFalse();
        assertThat(matches(d + "condition: 1 of them", CMD)).isTrue();
        assertThat(matches(d + "condition: not 1 of them", CMD)).isFalse();
    }
}
