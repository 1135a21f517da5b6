package org.finres.stix.model;

import java.util.Map;

/**
 * The x509-certificate object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record X509Certificate(
        StixId id,
        CommonProperties common,
        Boolean isSelfSigned,
        Map<String, String> hashes,
        String version,
        String serialNumber,
        String signatureAlgorithm,
        String issuer,
        StixTimestamp validityNotBefore,
        StixTimestamp validityNotAfter,
        String subject,
        String subjectPublicKeyAlgorithm,
        String subjectPublicKeyModulus,
        Long subjectPublicKeyExponent,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "x509-certificate";

    @Override
    public String type() {
        return TYPE;
    }

    static X509Certificate decode(StixId id, CommonProperties common, StixJson json) {
        return new X509Certificate(
                id,
                common,
                json.bool("is_self_signed"),
                json.hashes("hashes"),
                json.text("version"),
                json.text("serial_number"),
                json.text("signature_algorithm"),
                json.text("issuer"),
                json.timestamp("validity_not_before"),
                json.timestamp("validity_not_after"),
                json.text("subject"),
                json.text("subject_public_key_algorithm"),
                json.text("subject_public_key_modulus"),
                json.integer("subject_public_key_exponent"),
                json);
    }
}
