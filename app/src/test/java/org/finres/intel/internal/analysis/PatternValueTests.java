package org.finres.intel.internal.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatternValueTests {

    @Test
    void simpleComparisonsOfMatchableObservablesAreMatched() {
        assertThat(PatternValue.of("stix", "[ipv4-addr:value = '203.0.113.7']"))
                .isEqualTo(new PatternValue.Matchable("ipv4", "203.0.113.7"));
        assertThat(PatternValue.of("stix", "[ipv4-addr:value ISSUBSET '203.0.113.0/24']"))
                .isEqualTo(new PatternValue.Matchable("cidr", "203.0.113.0/24"));
        assertThat(PatternValue.of("stix", "[file:hashes.'SHA-256' = '" + "a".repeat(64) + "']"))
                .isEqualTo(new PatternValue.Matchable("sha256", "a".repeat(64)));
        assertThat(PatternValue.of("stix", "[file:hashes.MD5 = '" + "b".repeat(32) + "']"))
                .isEqualTo(new PatternValue.Matchable("md5", "b".repeat(32)));
        assertThat(PatternValue.of("stix", "[domain-name:value = 'evil.example']"))
                .isEqualTo(new PatternValue.Matchable("domain", "evil.example"));
        assertThat(PatternValue.of("stix", "[email-addr:value = 'x@evil.example']"))
                .isEqualTo(new PatternValue.Matchable("email", "x@evil.example"));
        assertThat(PatternValue.of("stix", "[url:value = 'http://evil.example/a']"))
                .isEqualTo(new PatternValue.Matchable("url", "http://evil.example/a"));
    }

    @Test
    void complexPatternsAreNamedWithTheirReason() {
        assertThat(reason("stix", "[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'a.example']")).contains("AND");
        assertThat(reason("stix", "[ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value = '1.2.3.5']")).contains("OR");
        assertThat(reason("stix", "[ipv4-addr:value != '1.2.3.4']")).contains("NEQ");
        assertThat(reason("stix", "[process:name = 'evil.exe']")).contains("process:name");
        assertThat(reason("stix", "[ipv4-addr:value = '1.2.3.4'] WITHIN 60 SECONDS")).contains("qualified");
        assertThat(reason("sigma", "title: x")).contains("sigma");
        assertThat(reason("stix", "[ipv4-addr:value = ")).contains("does not parse");
    }

    private static String reason(String type, String pattern) {
        return ((PatternValue.Unmatchable) PatternValue.of(type, pattern)).reason();
    }
}
