package org.finres.vault.engine.attestation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.finres.vault.engine.MalformedAttestationException;
import org.finres.vault.engine.SignatureRefusedException;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.finres.vault.engine.signing.SigningPublicKey;
import org.finres.vault.engine.signing.VaultSignature;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An attestation with the public key that signed it and the signature over its canonical JSON under the context
 * {@value #CONTEXT}. The wire form ({@link #toJson()}) is
 * {@code {"attestation":{...},"signer":"<base64 SigningPublicKey>","signature":"<base64 VaultSignature>"}}; whatever
 * spacing or key order it arrives in, the signature is checked over the canonical bytes of the values read, so only
 * a change of a value breaks it. {@link #verifies()} proves the embedded key signed it; whether that key belongs to
 * the institution is the hub's registry's question.
 */
public record SignedAttestation(VaultAttestation attestation, SigningPublicKey signer, VaultSignature signature) {

    public static final String CONTEXT = "vault-attestation/v1";
    /** Far above any real attestation (a few KiB with an ML-DSA signature); bounds what a client can make us parse. */
    public static final int MAX_JSON_LENGTH = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> ENVELOPE = Set.of("attestation", "signer", "signature");
    private static final Set<String> FIELDS = Set.of("institution", "repositoryId", "snapshotId", "businessDate",
            "vaultedAt", "files", "bytes", "recordCounts", "controlTotals", "manifestSha256");

    public SignedAttestation {
        if (attestation == null || signer == null || signature == null) {
            throw new MalformedAttestationException("a signed attestation has an attestation, a signer and a "
                    + "signature");
        }
    }

    public static SignedAttestation sign(VaultAttestation attestation, SigningKeyPair key) {
        return new SignedAttestation(attestation, key.publicKey(), key.sign(CONTEXT, attestation.canonicalJson()));
    }

    /** The bytes the signature covers. */
    public byte[] signedBytes() {
        return attestation.canonicalJson();
    }

    public boolean verifies() {
        return signer.verifies(CONTEXT, signedBytes(), signature);
    }

    /** @throws SignatureRefusedException naming the signer when the signature does not verify */
    public void verify() {
        signer.verify(CONTEXT, signedBytes(), signature);
    }

    public String toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.set("attestation", attestation.toNode());
        n.put("signer", Base64.getEncoder().encodeToString(signer.encode()));
        n.put("signature", Base64.getEncoder().encodeToString(signature.encode()));
        return JSON.writeValueAsString(n);
    }

    /**
     * Reads the wire form strictly: unknown or missing fields, duplicate keys, wrong types and malformed keys or
     * signatures are refused with the field named. The signature is not checked here; call {@link #verify()}.
     */
    public static SignedAttestation parse(String json) {
        if (json == null || json.length() > MAX_JSON_LENGTH) {
            throw new MalformedAttestationException("a signed attestation is a JSON object of at most "
                    + MAX_JSON_LENGTH + " characters" + (json == null ? "" : ", this one has " + json.length()));
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new MalformedAttestationException("a signed attestation is not valid JSON: "
                    + e.getOriginalMessage());
        }
        Map<String, JsonNode> envelope = fields(root, "the signed attestation", ENVELOPE);
        Map<String, JsonNode> a = fields(envelope.get("attestation"), "attestation", FIELDS);
        VaultAttestation attestation = new VaultAttestation(text(a, "institution"), text(a, "repositoryId"),
                text(a, "snapshotId"), date(a, "businessDate"), instant(a, "vaultedAt"), count(a.get("files"),
                        "files"), count(a.get("bytes"), "bytes"), counts(a.get("recordCounts")),
                totals(a.get("controlTotals")), text(a, "manifestSha256"));
        SigningPublicKey signer;
        VaultSignature signature;
        try {
            signer = SigningPublicKey.decode(base64(envelope, "signer"));
            signature = VaultSignature.decode(base64(envelope, "signature"));
        } catch (SignatureRefusedException e) {
            throw new MalformedAttestationException("signed attestation: " + e.getMessage());
        }
        return new SignedAttestation(attestation, signer, signature);
    }

    private static Map<String, JsonNode> fields(JsonNode node, String what, Set<String> expected) {
        if (node == null || !node.isObject()) {
            throw new MalformedAttestationException(what + " must be a JSON object");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!expected.contains(e.getKey())) {
                throw new MalformedAttestationException(what + " has an unknown field "
                        + VaultAttestation.shorten(e.getKey()) + " (known: " + String.join(", ", expected) + ")");
            }
            out.put(e.getKey(), e.getValue());
        }
        for (String f : expected) {
            if (!out.containsKey(f)) {
                throw new MalformedAttestationException(what + " lacks the field " + f);
            }
        }
        return out;
    }

    private static String text(Map<String, JsonNode> a, String field) {
        JsonNode v = a.get(field);
        if (!v.isString()) {
            throw new MalformedAttestationException("attestation field " + field + " must be a string");
        }
        return v.asString();
    }

    private static LocalDate date(Map<String, JsonNode> a, String field) {
        String v = text(a, field);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeException e) {
            throw new MalformedAttestationException("attestation field " + field + " must be a date like 2026-12-01, "
                    + "found " + VaultAttestation.shorten(v));
        }
    }

    private static Instant instant(Map<String, JsonNode> a, String field) {
        String v = text(a, field);
        try {
            return Instant.parse(v);
        } catch (DateTimeException e) {
            throw new MalformedAttestationException("attestation field " + field + " must be a UTC instant like "
                    + "2026-12-01T22:05:00Z, found " + VaultAttestation.shorten(v));
        }
    }

    private static long count(JsonNode v, String field) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new MalformedAttestationException("attestation field " + field + " must be a whole number");
        }
        return v.longValue();
    }

    private static Map<String, Long> counts(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new MalformedAttestationException("attestation field recordCounts must be a JSON object");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), count(e.getValue(), "recordCounts." + e.getKey()));
        }
        return out;
    }

    private static Map<String, String> totals(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new MalformedAttestationException("attestation field controlTotals must be a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isString()) {
                throw new MalformedAttestationException("attestation field controlTotals." + e.getKey()
                        + " must be a decimal string (amounts are never JSON numbers)");
            }
            out.put(e.getKey(), e.getValue().asString());
        }
        return out;
    }

    private static byte[] base64(Map<String, JsonNode> envelope, String field) {
        JsonNode v = envelope.get(field);
        if (!v.isString()) {
            throw new MalformedAttestationException("signed attestation field " + field + " must be a base64 string");
        }
        try {
            return Base64.getDecoder().decode(v.asString());
        } catch (IllegalArgumentException e) {
            throw new MalformedAttestationException("signed attestation field " + field + " is not base64: "
                    + e.getMessage());
        }
    }
}
