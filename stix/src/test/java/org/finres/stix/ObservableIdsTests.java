package org.finres.stix;

import org.finres.stix.model.StixObject;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deterministic SCO ids. Expected values were computed independently (Python's uuid.uuid5 over sorted, compact
 * JSON, which equals RFC 8785 for these inputs).
 */
class ObservableIdsTests {

    @Test
    void derivesIpv4AddressIdFromItsValue() {
        assertThat(StixObjectBuilder.of("ipv4-addr").set("value", "198.51.100.3").build().id().toString())
                .isEqualTo("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4");
    }

    @Test
    void derivesDomainAndUrlIdsIncludingNonAsciiText() {
        assertThat(StixObjectBuilder.of("domain-name").set("value", "example.com").build().id().uuid())
                .isEqualTo("bedb4899-d24b-5401-bc86-8f6b4cc18ec7");
        assertThat(StixObjectBuilder.of("url").set("value", "https://example.com/ä").build().id().uuid())
                .isEqualTo("a74ee8fd-ea76-54ca-a91f-2ce4465396bf");
    }

    @Test
    void fileUsesOneHashByPreferenceAndIgnoresNonContributingProperties() {
        var hashes = JsonNodeFactory.instance.objectNode().put("SHA-256", "aa").put("MD5", "d41d8cd98f00b204e9800998ecf8427e");
        StixObject f = StixObjectBuilder.of("file").set("hashes", hashes).set("name", "a.exe").set("size", 10).build();
        assertThat(f.id().uuid()).isEqualTo("7e567502-8994-53ff-9c69-79240cae362d");
        assertThat(f.id().uuidVersion()).isEqualTo(5);
    }

    @Test
    void networkTrafficCombinesPortsProtocolsAndRefs() {
        StixObject n = StixObjectBuilder.of("network-traffic").set("dst_port", 443).set("protocols", List.of("tcp", "tls"))
                .set("src_ref", "ipv4-addr--x").build();
        assertThat(n.id().uuid()).isEqualTo("d14a8078-b928-5094-be41-6a0b2992c618");
    }

    @Test
    void processAndObjectsWithoutContributingPropertiesGetRandomIds() {
        assertThat(ObservableIds.derive(StixObjectBuilder.of("process").set("pid", 1).build().json().tree())).isEmpty();
        assertThat(StixObjectBuilder.of("process").set("pid", 1).build().id().uuidVersion()).isEqualTo(4);
        assertThat(ObservableIds.derive(JsonNodeFactory.instance.objectNode().put("type", "file").put("size", 3))).isEmpty();
    }

    @Test
    void canonicalJsonSortsMembersAndPrintsNumbersAsEcmascript() {
        var n = JsonNodeFactory.instance.objectNode().put("b", 1.0).put("a", "x\ny").put("c", 1e21).put("d", 0.000001);
        assertThat(CanonicalJson.of(n)).isEqualTo("{\"a\":\"x\\ny\",\"b\":1,\"c\":1e+21,\"d\":0.000001}");
    }
}
