package org.finres.stix.net;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Text from patterns and warning-list files: any string is read or refused, and what is read prints back to itself. */
class IpNetworkFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readsOrRefusesAndRoundTrips(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        IpNetwork.parseExact(text).ifPresent(network -> {
            assertThat(IpNetwork.parseExact(network.toString())).as(text).hasValue(network);
            IpNetwork masked = network.masked();
            assertThat(masked.hostBitsZero()).isTrue();
            assertThat(masked.contains(network)).isTrue();
        });
    }
}
