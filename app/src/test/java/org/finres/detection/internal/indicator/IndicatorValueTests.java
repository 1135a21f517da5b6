package org.finres.detection.internal.indicator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndicatorValueTests {

    private static IndicatorValue parse(String type, String text) {
        return IndicatorValue.parse(type, text);
    }

    private static void rejects(String type, String text, String message) {
        assertThatThrownBy(() -> parse(type, text)).isInstanceOf(IndicatorFormatException.class).hasMessage(message);
    }

    @Test
    void ipv4IsCanonicalDottedQuad() {
        assertThat(parse("ipv4", " 192.0.2.1 ")).isEqualTo(new IndicatorValue(IndicatorType.IPV4, "192.0.2.1"));
        assertThat(parse("IPv4-Addr", "0.0.0.0").value()).isEqualTo("0.0.0.0");
    }

    @Test
    void ipv4RejectionsSayWhatIsWrong() {
        rejects("ipv4", "999.1.1.1", "'999.1.1.1' is not an IPv4 address: octet 999 is above 255");
        rejects("ipv4", "1.2.3", "'1.2.3' is not an IPv4 address: it has 3 parts, not 4");
        rejects("ipv4", "01.2.3.4", "'01.2.3.4' is not an IPv4 address: octet 01 has a leading zero");
        rejects("ipv4", "1.2.x.4", "'1.2.x.4' is not an IPv4 address: 'x' is not a digit");
        rejects("ipv4", "1..3.4", "'1..3.4' is not an IPv4 address: an octet is empty");
        rejects("ipv4", "   ", "ipv4 value is empty");
    }

    @ParameterizedTest
    @CsvSource({
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "[fe80::1], fe80::1",
            "::192.0.2.1, ::c000:201",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
    })
    void ipv6IsCanonicalPerRfc5952(String text, String canonical) {
        IndicatorValue value = parse("ipv6", text);
        assertThat(value.type()).isEqualTo(IndicatorType.IPV6);
        assertThat(value.value()).isEqualTo(canonical);
    }

    @Test
    void ipv4MappedIpv6BecomesIpv4() {
        assertThat(parse("ipv6", "::ffff:192.0.2.1")).isEqualTo(new IndicatorValue(IndicatorType.IPV4, "192.0.2.1"));
        assertThat(parse("ipv6", "::FFFF:c000:0201").value()).isEqualTo("192.0.2.1");
        assertThat(parse("cidr", "::ffff:10.0.0.0/104")).isEqualTo(new IndicatorValue(IndicatorType.CIDR, "10.0.0.0/8"));
    }

    @Test
    void ipv6RejectionsSayWhatIsWrong() {
        rejects("ipv6", "1::2::3", "'1::2::3' is not an IPv6 address: '::' appears more than once");
        rejects("ipv6", "1:2:3:4:5:6:7", "'1:2:3:4:5:6:7' is not an IPv6 address: it has 7 groups, not 8");
        rejects("ipv6", "12345::", "'12345::' is not an IPv6 address: group '12345' has more than 4 hex digits");
        rejects("ipv6", "fe80::1%eth0", "'fe80::1%eth0' has a zone id (%...), which an ipv6 indicator must not");
        rejects("ipv6", "g::1", "'g::1' is not an IPv6 address: 'g' is neither a hex digit nor ':'");
    }

    @Test
    void networksAreCanonicalAndHostBitsAreRefused() {
        assertThat(parse("cidr", "10.0.0.0/8")).isEqualTo(new IndicatorValue(IndicatorType.CIDR, "10.0.0.0/8"));
        assertThat(parse("cidr", "2001:DB8::/32").value()).isEqualTo("2001:db8::/32");
        assertThat(parse("cidr", "192.0.2.7/32")).isEqualTo(new IndicatorValue(IndicatorType.IPV4, "192.0.2.7"));
        assertThat(parse("cidr", "2001:db8::7/128")).isEqualTo(new IndicatorValue(IndicatorType.IPV6, "2001:db8::7"));
        assertThat(parse("ipv4", "198.51.100.0/24").type()).isEqualTo(IndicatorType.CIDR);
        assertThat(parse("ip", "198.51.100.0/24").type()).isEqualTo(IndicatorType.CIDR);
        assertThat(parse("ip", "2001:db8::1").type()).isEqualTo(IndicatorType.IPV6);
        assertThat(parse("ip", "198.51.100.1").type()).isEqualTo(IndicatorType.IPV4);
        rejects("cidr", "10.0.0.1/8", "'10.0.0.1/8' has host bits set; the network is 10.0.0.0/8");
        rejects("cidr", "2001:db8::1/32", "'2001:db8::1/32' has host bits set; the network is 2001:db8::/32");
        rejects("cidr", "10.0.0.0/33", "prefix length 33 is above 32 for IPv4");
        rejects("cidr", "2001:db8::/129", "prefix length 129 is above 128 for IPv6");
        rejects("cidr", "10.0.0.0", "'10.0.0.0' has no prefix length; a cidr is network/length");
        rejects("cidr", "10.0.0.0/x", "prefix length 'x' of '10.0.0.0/x' is not a number");
        rejects("cidr", "0.0.0.0/0", "network /0 is broader than /8, the broadest IPv4 network an indicator may be");
        rejects("cidr", "::/8", "network /8 is broader than /16, the broadest IPv6 network an indicator may be");
        rejects("cidr", "300.0.0.0/8", "'300.0.0.0' is not an IPv4 address: octet 300 is above 255");
    }

    @Test
    void domainsAreLowerCasePunycodeWithoutTrailingDot() {
        assertThat(parse("domain", "Evil.EXAMPLE.")).isEqualTo(new IndicatorValue(IndicatorType.DOMAIN, "evil.example"));
        assertThat(parse("domain", "bücher.example").value()).isEqualTo("xn--bcher-kva.example");
        assertThat(parse("domain", "例え.テスト").value()).isEqualTo("xn--r8jz45g.xn--zckzah");
        assertThat(parse("domain", "_dmarc.evil.example").value()).isEqualTo("_dmarc.evil.example");
        assertThat(parse("domain-name", "xn--bcher-kva.example").value()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void domainRejectionsSayWhatIsWrong() {
        rejects("domain", "com", "a domain indicator needs at least 2 labels; 'com' has 1");
        rejects("domain", "evil..example", "'evil..example' has an empty label");
        rejects("domain", "ev il.example", "character ' ' is not allowed in a domain");
        rejects("domain", "-evil.example", "label '-evil' starts or ends with '-'");
        rejects("domain", "evil.123", "top-level label '123' is all digits");
        rejects("domain", "999.1.1.1", "'999.1.1.1' is not an IPv4 address: octet 999 is above 255");
        rejects("domain", "a".repeat(64) + ".example", "label '" + "a".repeat(64) + "' is 64 characters long, "
                + "more than 63");
        rejects("domain", ("abcdefghi.").repeat(26) + "example", "domain is 267 characters long, more than 253");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HTTP://Evil.Example:80/Path/To?Q=Case#frag | http://evil.example/Path/To?Q=Case",
            "https://evil.example:443 | https://evil.example/",
            "https://evil.example:8443/a | https://evil.example:8443/a",
            "http://user:pass@evil.example/x | http://evil.example/x",
            "http://evil.example?q=1 | http://evil.example/?q=1",
            "http://evil.example./a%2fb%7E | http://evil.example/a%2Fb%7E",
            "http://[2001:DB8::1]:8080/ | http://[2001:db8::1]:8080/",
            "http://[::ffff:192.0.2.1]/ | http://192.0.2.1/",
            "http://bücher.example/ä | http://xn--bcher-kva.example/%C3%A4",
            "ftp://files.evil.example:21/x | ftp://files.evil.example/x",
            "http://intranet/login | http://intranet/login",
            "http://evil.example:/ | http://evil.example/",
    })
    void urlsAreNormalisedKeepingPathAndQueryCase(String text, String canonical) {
        assertThat(parse("url", text)).isEqualTo(new IndicatorValue(IndicatorType.URL, canonical));
    }

    @Test
    void urlRejectionsSayWhatIsWrong() {
        rejects("url", "evil.example/x", "'evil.example/x' has no scheme and '://', as in http://host/path");
        rejects("url", "http:///x", "'http:///x' has no host");
        rejects("url", "http://evil.example:99999/", "URL port '99999' is not a number from 0 to 65535");
        rejects("url", "http://evil.example/a b", "URL has a space or control character at position 22");
        rejects("url", "ht tp://x/", "URL has a space or control character at position 3");
        rejects("url", "1http://x/", "URL scheme '1http' is not valid");
        rejects("url", "http://ev!l.example/", "URL host: character '!' is not allowed in a domain");
        rejects("url", "http://[::1/", "URL's IPv6 host has no closing ']'");
        rejects("url", "http://" + "a".repeat(4100), "URL is 4107 characters long, more than 4096");
    }

    @ParameterizedTest
    @CsvSource({
            "md5, D41D8CD98F00B204E9800998ECF8427E, d41d8cd98f00b204e9800998ecf8427e",
            "sha1, DA39A3EE5E6B4B0D3255BFEF95601890AFD80709, da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "sha-256, E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855, "
                    + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    })
    void hashesAreLowerCaseHex(String type, String text, String canonical) {
        assertThat(parse(type, text).value()).isEqualTo(canonical);
    }

    @Test
    void hashRejectionsSayWhatIsWrong() {
        rejects("sha256", "e".repeat(63), "sha256 must be 64 hex digits, got 63");
        rejects("md5", "d41d8cd98f00b204e9800998ecf8427", "md5 must be 32 hex digits, got 31");
        rejects("sha1", "g".repeat(40), "sha1 must be 40 hex digits; 'g' at position 1 is not one");
    }

    @Test
    void emailsAreLowerCaseWithPunycodeDomain() {
        assertThat(parse("email", "Alice.Smith+tag@Evil.Example")).isEqualTo(
                new IndicatorValue(IndicatorType.EMAIL, "alice.smith+tag@evil.example"));
        assertThat(parse("email-addr", "ceo@bücher.example").value()).isEqualTo("ceo@xn--bcher-kva.example");
        rejects("email", "alice.evil.example", "'alice.evil.example' has no '@' between local part and domain");
        rejects("email", "a@b@evil.example", "'a@b@evil.example' has more than one '@' (quoted local parts are not "
                + "supported)");
        rejects("email", "@evil.example", "email local part '' is empty");
        rejects("email", "a..b@evil.example", "email local part 'a..b' has a leading, trailing or doubled '.'");
        rejects("email", "a b@evil.example", "email local part 'a b' has character ' ', which is not allowed");
        rejects("email", "alice@localhost", "email domain: a domain indicator needs at least 2 labels; "
                + "'localhost' has 1");
    }

    @Test
    void unknownTypesAreNamed() {
        rejects("ipv5", "1.2.3.4", "unknown indicator type 'ipv5'; expected one of ipv4, ipv6, cidr, domain, url, "
                + "md5, sha1, sha256, email");
        rejects(null, "1.2.3.4", "indicator type is missing");
    }

    @Test
    void messagesEscapeControlCharactersAndShortenLongInput() {
        assertThatThrownBy(() -> parse("ipv4", "1.2.3.\u001b[31m"))
                .hasMessageStartingWith("'1.2.3.\\u001b[31m' is not an IPv4 address");
        assertThatThrownBy(() -> parse("ipv4", "1".repeat(300)))
                .hasMessageStartingWith("'" + "1".repeat(80) + "...' is not an IPv4 address");
    }

    @Test
    void recordsAcceptOnlyCanonicalValues() {
        assertThatThrownBy(() -> new IndicatorValue(IndicatorType.DOMAIN, "Evil.Example"))
                .isInstanceOf(IndicatorFormatException.class)
                .hasMessage("domain 'Evil.Example' is not in canonical form; parse it first (canonical: domain "
                        + "'evil.example')");
        assertThatThrownBy(() -> new Indicator(IndicatorType.IPV6, "::ffff:192.0.2.1", 1))
                .hasMessageContaining("canonical: ipv4 '192.0.2.1'");
        assertThat(Indicator.parse("sha1", "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", 42))
                .isEqualTo(new Indicator(IndicatorType.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709", 42));
    }

    @Test
    void typeCodesAreStable() {
        assertThat(IndicatorType.values()).extracting(IndicatorType::code)
                .containsExactly("ipv4", "ipv6", "cidr", "domain", "url", "md5", "sha1", "sha256", "email");
        for (IndicatorType type : IndicatorType.values()) {
            assertThat(IndicatorType.fromCode(type.code().toUpperCase())).isEqualTo(type);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "192.0.2.1, IPV4",
            "999.1.1.1, IPV4",
            "10.0.0.0/8, CIDR",
            "2001:db8::/32, CIDR",
            "2001:db8::1, IPV6",
            "evil.example, DOMAIN",
            "bücher.example, DOMAIN",
            "http://evil.example/, URL",
            "alice@evil.example, EMAIL",
            "d41d8cd98f00b204e9800998ecf8427e, MD5",
            "da39a3ee5e6b4b0d3255bfef95601890afd80709, SHA1",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, SHA256",
    })
    void typeIsInferredFromShape(String text, IndicatorType type) {
        assertThat(IndicatorType.infer(text)).isEqualTo(type);
    }

    @Test
    void inferenceRejectsWhatHasNoShape() {
        assertThatThrownBy(() -> IndicatorType.infer("hello world")).isInstanceOf(IndicatorFormatException.class)
                .hasMessage("cannot tell the type of 'hello world': it is not an IP address, network, hash, e-mail "
                        + "address, URL or domain");
        assertThatThrownBy(() -> IndicatorType.infer("e".repeat(63)))
                .hasMessageEndingWith("63 hex digits is not the length of an md5 (32), sha1 (40) or sha256 (64)");
        assertThatThrownBy(() -> IndicatorType.infer(" ")).hasMessage("value is empty");
    }
}
