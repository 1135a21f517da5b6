package org.finres.stix.model;

import java.util.Map;

/**
 * The artifact object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Artifact(
        StixId id,
        CommonProperties common,
        String mimeType,
        String payloadBin,
        String url,
        Map<String, String> hashes,
        String encryptionAlgorithm,
        String decryptionKey,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "artifact";

    @Override
    public String type() {
        return TYPE;
    }

    static Artifact decode(StixId id, CommonProperties common, StixJson json) {
        return new Artifact(
                id,
                common,
                json.text("mime_type"),
                json.text("payload_bin"),
                json.text("url"),
                json.hashes("hashes"),
                json.text("encryption_algorithm"),
                json.text("decryption_key"),
                json);
    }
}
