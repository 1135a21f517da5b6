package org.finres.stix.model;

import java.util.List;

/**
 * The network-traffic object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record NetworkTraffic(
        StixId id,
        CommonProperties common,
        StixTimestamp start,
        StixTimestamp end,
        Boolean isActive,
        StixId srcRef,
        StixId dstRef,
        Long srcPort,
        Long dstPort,
        List<String> protocols,
        Long srcByteCount,
        Long dstByteCount,
        Long srcPackets,
        Long dstPackets,
        StixId srcPayloadRef,
        StixId dstPayloadRef,
        List<StixId> encapsulatesRefs,
        StixId encapsulatedByRef,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "network-traffic";

    @Override
    public String type() {
        return TYPE;
    }

    static NetworkTraffic decode(StixId id, CommonProperties common, StixJson json) {
        return new NetworkTraffic(
                id,
                common,
                json.timestamp("start"),
                json.timestamp("end"),
                json.bool("is_active"),
                json.ref("src_ref"),
                json.ref("dst_ref"),
                json.integer("src_port"),
                json.integer("dst_port"),
                json.strings("protocols"),
                json.integer("src_byte_count"),
                json.integer("dst_byte_count"),
                json.integer("src_packets"),
                json.integer("dst_packets"),
                json.ref("src_payload_ref"),
                json.ref("dst_payload_ref"),
                json.refs("encapsulates_refs"),
                json.ref("encapsulated_by_ref"),
                json);
    }
}
