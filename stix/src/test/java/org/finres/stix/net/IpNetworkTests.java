package org.finres.stix.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpNetworkTests {

    @Test
    void readsAddressesAndNetworksOfBothFamilies() {
        assertThat(IpNetwork.parseAddress("192.0.2.1")).containsExactly(192, 0, 2, 1);
        assertThat(IpNetwork.parse("10.0.0.0/8")).hasValueSatisfying(n -> {
            assertThat(n.prefix()).isEqualTo(8);
            assertThat(n.isIpv4()).isTrue();
            assertThat(n.isHost()).isFalse();
        });
        assertThat(IpNetwork.parse("2001:db8::/32").orElseThrow().toString()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
        assertThat(IpNetwork.parse("::ffff:192.0.2.1").orElseThrow().address()).hasSize(16);
        assertThat(IpNetwork.parse("::").orElseThrow().isHost()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.256", "1..2.3", "1.2.3.4/", "1.2.3.4/33",
            "1.2.3.4/+8", "1.2.3.4/0008", "::1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "fe80::1%eth0",
            "[::1]", "::1/129", "g::1", "\uff11.2.3.4", "::\uff11", "1.2.3.4:80", "localhost", "example.com"})
    void refusesEverythingThatIsNotOneLiteral(String text) {
        assertThat(IpNetwork.parseExact(text)).as(text).isEmpty();
    }

    @Test
    void clearsHostBitsOnlyWhenAsked() {
        IpNetwork exact = IpNetwork.parseExact("10.1.2.3/8").orElseThrow();
        assertThat(exact.hostBitsZero()).isFalse();
        assertThat(IpNetwork.parse("10.1.2.3/8").orElseThrow()).isEqualTo(IpNetwork.parse("10.0.0.0/8").orElseThrow());
        assertThat(IpNetwork.parseExact("2001:db8::1/127").orElseThrow().hostBitsZero()).isFalse();
        assertThat(IpNetwork.parseExact("2001:db8::/127").orElseThrow().hostBitsZero()).isTrue();
    }

    @Test
    void containsByPrefixAndFamily() {
        IpNetwork ten = IpNetwork.parse("10.0.0.0/8").orElseThrow();
        assertThat(ten.contains(IpNetwork.parse("10.200.1.1").orElseThrow())).isTrue();
        assertThat(ten.contains(IpNetwork.parse("10.200.0.0/16").orElseThrow())).isTrue();
        assertThat(ten.contains(IpNetwork.parse("11.0.0.1").orElseThrow())).isFalse();
        assertThat(ten.contains(IpNetwork.parse("0.0.0.0/0").orElseThrow())).isFalse();
        assertThat(IpNetwork.parse("172.16.0.0/12").orElseThrow().contains(IpNetwork.parse("172.31.255.255").orElseThrow())).isTrue();
        assertThat(IpNetwork.parse("172.16.0.0/12").orElseThrow().contains(IpNetwork.parse("172.32.0.0").orElseThrow())).isFalse();
        // ::ffff:10.0.0.1 is an IPv6 address here; families never mix.
        assertThat(ten.contains(IpNetwork.parse("::ffff:10.0.0.1").orElseThrow())).isFalse();
        assertThat(IpNetwork.parse("::/0").orElseThrow().contains(IpNetwork.parse("2001:db8::1").orElseThrow())).isTrue();
    }

    @Test
    void refusesImpossibleNetworks() {
        assertThatThrownBy(() -> new IpNetwork(new byte[5], 0)).hasMessageContaining("4 or 16 bytes");
        assertThatThrownBy(() -> new IpNetwork(new byte[4], 33)).hasMessageContaining("0 to 32");
    }

    @Test
    void keepsItsBytesToItself() {
        byte[] bytes = {10, 0, 0, 1};
        IpNetwork host = IpNetwork.of(bytes);
        bytes[0] = 99;
        host.address()[1] = 99;
        assertThat(host.toString()).isEqualTo("10.0.0.1");
    }

    /** Every literal the JDK prints for random bytes, in its full and compressed forms, reads back to those bytes. */
    @Test
    void agreesWithTheJdkOnRandomLiterals() throws Exception {
        Random random = new Random(20261203);
        for (int i = 0; i < 20_000; i++) {
            byte[] raw = new byte[random.nextBoolean() ? 4 : 16];
            random.nextBytes(raw);
            if (raw.length == 16 && random.nextBoolean()) {
                // runs of zero groups, so "::" compression turns up
                int from = random.nextInt(8);
                int to = from + random.nextInt(8 - from) + 1;
                for (int k = 2 * from; k < 2 * to; k++) raw[k] = 0;
            }
            InetAddress jdk = InetAddress.getByAddress(raw);
            String text = jdk.getHostAddress();
            byte[] expected = jdk.getAddress();   // the JDK prints v4-mapped IPv6 as the IPv4 address
            assertThat(IpNetwork.parseAddress(text)).as(text).isEqualTo(expected);
            String compressed = IpNetwork.of(raw).toString().replaceFirst("(^|:)0(:0)+(:|$)", "::");
            assertThat(IpNetwork.parseAddress(compressed)).as(compressed).isEqualTo(raw);
        }
    }
}
