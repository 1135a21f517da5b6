package org.finres.intel;

import java.time.Instant;
import java.util.UUID;

/** Small STIX 2.1 objects for the TAXII tests; each call makes a new id unless one is given. */
final class StixSamples {

    static final String TLP_CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
    static final String TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    static final String TLP_AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
    static final String TLP_AMBER_STRICT = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
    static final String TLP_RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
    static final String TLP1_RED = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";

    private StixSamples() {
    }

    static String newId(String type) {
        return type + "--" + UUID.randomUUID();
    }

    static String indicator(String id, String modified, String marking) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2026-01-01T00:00:00.000Z\","
                + "\"modified\":\"" + modified + "\",\"name\":\"C2 address\",\"indicator_types\":[\"malicious-activity\"],"
                + "\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2026-01-01T00:00:00Z\""
                + (marking == null ? "" : ",\"object_marking_refs\":[\"" + marking + "\"]") + "}";
    }

    static String indicator(String marking) {
        return indicator(newId("indicator"), "2026-01-01T00:00:00.000Z", marking);
    }

    static String malware(String id, String modified) {
        return "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2026-01-01T00:00:00.000Z\","
                + "\"modified\":\"" + modified + "\",\"name\":\"Loader\",\"is_family\":true}";
    }

    static String ipv4(String value) {
        return "{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"" + newId("ipv4-addr") + "\",\"value\":\"" + value + "\"}";
    }

    static String now() {
        return Instant.now().toString();
    }
}
