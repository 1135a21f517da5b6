package org.finres.stix.pattern;

import org.finres.stix.StixObjectBuilder;
import org.finres.stix.model.StixObject;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PatternMatcherTests {

    private final PatternMatcher matcher = new PatternMatcher();
    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    private static final StixObject IP = StixObjectBuilder.of("ipv4-addr").set("value", "10.1.2.3").build();
    private static final StixObject DOMAIN = StixObjectBuilder.of("domain-name").set("value", "evil.example")
            .set("resolves_to_refs", List.of(IP.id())).build();
    private static final StixObject TRAFFIC = StixObjectBuilder.of("network-traffic").set("dst_ref", IP.id().toString())
            .set("dst_port", 443).set("protocols", List.of("ipv4", "tcp")).build();
    private static final StixObject FILE = StixObjectBuilder.of("file").set("name", "invoice.exe").set("size", 1024)
            .set("hashes", JsonNodeFactory.instance.objectNode().put("SHA-256", "ab12")).build();

    private boolean one(String pattern, StixObject... objects) {
        return matcher.matches(PatternParser.parse(pattern), Observation.of(T, List.of(objects)));
    }

    @Test
    void comparesValuesOfTheNamedType() {
        assertThat(one("[ipv4-addr:value = '10.1.2.3']", IP, DOMAIN)).isTrue();
        assertThat(one("[ipv4-addr:value = '10.1.2.4']", IP, DOMAIN)).isFalse();
        assertThat(one("[ipv4-addr:value != '10.1.2.4']", IP)).isTrue();
        assertThat(one("[ipv4-addr:value NOT = '10.1.2.3']", IP)).isFalse();
        assertThat(one("[domain-name:value = '10.1.2.3']", IP)).isFalse();
    }

    @Test
    void andOnOneTypeNeedsTheSameObject() {
        StixObject other = StixObjectBuilder.of("file").set("name", "x.dll").set("size", 5).build();
        assertThat(one("[file:name = 'invoice.exe' AND file:size = 1024]", FILE, other)).isTrue();
        assertThat(one("[file:name = 'invoice.exe' AND file:size = 5]", FILE, other)).isFalse();
        assertThat(one("[file:name = 'nope' OR file:size = 5]", FILE, other)).isTrue();
    }

    @Test
    void followsReferencesAndListsAndQuotedNames() {
        assertThat(one("[network-traffic:dst_ref.value = '10.1.2.3' AND network-traffic:dst_port IN (80, 443)]", TRAFFIC, IP)).isTrue();
        assertThat(one("[domain-name:resolves_to_refs[*].value = '10.1.2.3']", DOMAIN, IP)).isTrue();
        assertThat(one("[network-traffic:protocols[1] = 'tcp' AND network-traffic:protocols[*] = 'ipv4']", TRAFFIC)).isTrue();
        assertThat(one("[file:hashes.'SHA-256' = 'ab12' AND file:hashes.'SHA-256' = h'AB12']", FILE)).isTrue();
        assertThat(one("[network-traffic:dst_ref.value = '10.1.2.3']", TRAFFIC)).isFalse();
    }

    @Test
    void likeMatchesAndOrderings() {
        assertThat(one("[file:name LIKE '%.exe' AND file:name LIKE 'invoic_.exe']", FILE)).isTrue();
        assertThat(one("[file:name MATCHES '^inv.*\\\\.exe$' AND file:size > 1000 AND file:size <= 1024]", FILE)).isTrue();
        assertThat(one("[file:size < 1000.5]", FILE)).isFalse();
        assertThat(one("[EXISTS file:hashes AND file:name > 'a']", FILE)).isTrue();
        assertThat(one("[EXISTS file:parent_directory_ref]", FILE)).isFalse();
    }

    @Test
    void subsetAndSupersetOverCidr() {
        assertThat(one("[ipv4-addr:value ISSUBSET '10.0.0.0/8']", IP)).isTrue();
        assertThat(one("[ipv4-addr:value ISSUBSET '192.168.0.0/16']", IP)).isFalse();
        StixObject net = StixObjectBuilder.of("ipv4-addr").set("value", "10.1.0.0/16").build();
        assertThat(one("[ipv4-addr:value ISSUPERSET '10.1.2.3']", net)).isTrue();
        assertThat(one("[ipv4-addr:value ISSUPERSET '10.2.0.0/24']", net)).isFalse();
        StixObject v6 = StixObjectBuilder.of("ipv6-addr").set("value", "2001:db8::5").build();
        assertThat(one("[ipv6-addr:value ISSUBSET '2001:db8::/32']", v6)).isTrue();
        assertThat(one("[ipv6-addr:value ISSUBSET '2001:db9::/32']", v6)).isFalse();
    }

    @Test
    void qualifiersWorkOverAStreamOfObservations() {
        StixObject login = StixObjectBuilder.of("user-account").set("account_login", "alice").build();
        List<Observation> stream = List.of(
                Observation.of(T, List.of(FILE)),
                Observation.of(T.plusSeconds(60), List.of(IP)),
                Observation.of(T.plusSeconds(120), List.of(IP)),
                Observation.of(T.plusSeconds(900), List.of(login)));
        assertThat(matcher.matches(PatternParser.parse("[file:name = 'invoice.exe'] FOLLOWEDBY [ipv4-addr:value = '10.1.2.3']"), stream)).isTrue();
        assertThat(matcher.matches(PatternParser.parse("[ipv4-addr:value = '10.1.2.3'] FOLLOWEDBY [file:name = 'invoice.exe']"), stream)).isFalse();
        assertThat(matcher.matches(PatternParser.parse("([file:name = 'invoice.exe'] AND [user-account:account_login = 'alice']) WITHIN 300 SECONDS"), stream)).isFalse();
        assertThat(matcher.matches(PatternParser.parse("([file:name = 'invoice.exe'] AND [user-account:account_login = 'alice']) WITHIN 900 SECONDS"), stream)).isTrue();
        assertThat(matcher.matches(PatternParser.parse("[ipv4-addr:value = '10.1.2.3'] REPEATS 2 TIMES WITHIN 60 SECONDS"), stream)).isTrue();
        assertThat(matcher.matches(PatternParser.parse("[ipv4-addr:value = '10.1.2.3'] REPEATS 3 TIMES"), stream)).isFalse();
        assertThat(matcher.firstMatch(PatternParser.parse("[ipv4-addr:value = '10.1.2.3'] START t'2026-03-01T08:01:30Z' STOP t'2026-03-01T09:00:00Z'"), stream))
                .contains(List.of(2));
        assertThat(matcher.matches(PatternParser.parse("[ipv4-addr:value = '10.1.2.3'] AND [ipv4-addr:value = '10.1.2.3']"),
                List.of(Observation.of(T, List.of(IP))))).isFalse();
    }
}
