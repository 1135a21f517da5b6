package org.finres.intel.internal.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WarningListParserTests {

    @Test
    void readsHeadersValuesAndCommentsAndNamesEveryBadLine() {
        WarningListParser.Parsed p = WarningListParser.parse("""
                # resolvers
                name: my-list
                title: My list
                8.8.8.8   # google
                10.0.0.0/8
                2001:4860:4860::8888
                Example.COM.
                999.1.1.1
                10.0.0.1/8
                not a value
                """);
        assertThat(p.list().name()).isEqualTo("my-list");
        assertThat(p.list().title()).isEqualTo("My list");
        assertThat(p.list().entries()).extracting(WarningList.Entry::text)
                .containsExactly("8.8.8.8", "10.0.0.0/8", "2001:4860:4860::8888", "example.com");
        assertThat(p.errors()).containsExactly(
                "line 8: '999.1.1.1' is not an IPv4 or IPv6 address",
                "line 9: network '10.0.0.1/8' has host bits set",
                "line 10: 'not a value' is neither an address, a network nor a domain name");
    }

    @Test
    void aFileWithoutANameIsRefused() {
        WarningListParser.Parsed p = WarningListParser.parse("8.8.8.8\n");
        assertThat(p.list()).isNull();
        assertThat(p.errors()).containsExactly("line 1: the file has no 'name:' header line");
    }

    @Test
    void matchesAddressesInNetworksAndDomainsWithTheirSubdomainsOnly() {
        WarningList l = WarningListParser.parse("name: t\n10.0.0.0/8\n2001:db8::/32\ngoogle.com\n8.8.8.8\n").list();
        assertThat(l.match("ipv4", "10.1.2.3")).isPresent();
        assertThat(l.match("ipv4", "11.1.2.3")).isEmpty();
        assertThat(l.match("cidr", "10.5.0.0/16")).isPresent();
        assertThat(l.match("cidr", "8.8.8.0/24")).as("a network around a listed address is not benign").isEmpty();
        assertThat(l.match("ipv6", "2001:db8:1::1")).isPresent();
        assertThat(l.match("ipv6", "2001:db9::1")).isEmpty();
        assertThat(l.match("domain", "mail.google.com")).isPresent();
        assertThat(l.match("domain", "notgoogle.com")).isEmpty();
        assertThat(l.match("url", "https://google.com/")).as("a URL is specific enough").isEmpty();
    }

    @Test
    void theShippedListsReadWithoutErrors() {
        assertThat(WarningLists.loadShipped()).extracting(WarningList::name)
                .contains("public-dns-resolvers", "special-purpose-ranges", "cdn-ranges", "top-domains");
    }
}
