package org.finres.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

import org.finres.core.AuditRecord;

/**
 * How an audit record is hashed. Every field is length-prefixed so that no two different records can
 * serialise to the same bytes, and the previous record's hash is part of the input, which makes the chain.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);
    private static final String VERSION = "finres-audit-v1";

    private AuditChain() {
    }

    /** PostgreSQL keeps microseconds; hashing the same precision keeps stored and computed hashes equal. */
    public static Instant storedPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static String hash(AuditRecord r) {
        return hash(r.seq(), r.recordedAt(), r.actor(), r.actorInstitution(), r.action(), r.targetType(),
                r.targetId(), r.targetInstitution(), r.outcome().name(), r.details(), r.remoteAddress(),
                r.prevHash());
    }

    public static String hash(long seq, Instant recordedAt, String actor, String actorInstitution, String action,
                              String targetType, String targetId, String targetInstitution, String outcome,
                              String details, String remoteAddress, String prevHash) {
        MessageDigest sha = sha256();
        field(sha, VERSION);
        field(sha, Long.toString(seq));
        Instant at = storedPrecision(recordedAt);
        field(sha, at.getEpochSecond() + "." + at.getNano());
        field(sha, actor);
        field(sha, actorInstitution);
        field(sha, action);
        field(sha, targetType);
        field(sha, targetId);
        field(sha, targetInstitution);
        field(sha, outcome);
        field(sha, details);
        field(sha, remoteAddress);
        field(sha, prevHash);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    /** Canonical JSON of the details map (keys sorted by the caller's SortedMap), stored as text. */
    public static String canonicalJson(Map<String, String> details) {
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : details.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            quote(json, e.getKey());
            json.append(':');
            quote(json, e.getValue());
        }
        return json.append('}').toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
