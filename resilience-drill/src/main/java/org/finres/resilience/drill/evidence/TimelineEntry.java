package org.finres.resilience.drill.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One link of the timeline. {@code hash} is the SHA-256 (hex) of {@code "finres-drill-evidence/1 entry" 0x00}
 * followed by the canonical JSON of {@code {at, detail, kind, prev, seq}}; {@code prev} is the previous entry's hash
 * (64 zeros for the first), so changing, dropping or reordering an entry breaks the chain at that entry.
 */
public record TimelineEntry(long seq, Instant at, EntryKind kind, String detail, String prev, String hash) {

    public static final String GENESIS = "0".repeat(64);
    static final int MAX_DETAIL = 4_000;
    private static final byte[] LABEL = "finres-drill-evidence/1 entry\0".getBytes(StandardCharsets.US_ASCII);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public TimelineEntry {
        EvidenceFields.require(seq >= 0, "timeline seq", "a number >= 0", seq);
        EvidenceFields.require(at != null, "timeline at", "an instant", null);
        EvidenceFields.require(kind != null, "timeline kind", "a kind", null);
        EvidenceFields.require(detail != null && detail.length() <= MAX_DETAIL, "timeline detail",
                "a text of at most " + MAX_DETAIL + " characters", detail == null ? null : detail.length());
        EvidenceFields.require(prev != null && EvidenceFields.HEX64.matcher(prev).matches(), "timeline prev",
                "64 lower-case hex digits", prev);
        EvidenceFields.require(hash != null && EvidenceFields.HEX64.matcher(hash).matches(), "timeline hash",
                "64 lower-case hex digits", hash);
    }

    /** The entry following {@code prev} (null for the first), with its hash computed. */
    public static TimelineEntry next(TimelineEntry previous, Instant at, EntryKind kind, String detail) {
        long seq = previous == null ? 0 : previous.seq + 1;
        String prev = previous == null ? GENESIS : previous.hash;
        String d = detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 3) + "...";
        return new TimelineEntry(seq, at, kind, d, prev, computeHash(seq, at, kind, d, prev));
    }

    /** Whether {@code hash} is what the other fields hash to. */
    public boolean hashMatches() {
        return hash.equals(computeHash(seq, at, kind, detail, prev));
    }

    static String computeHash(long seq, Instant at, EntryKind kind, String detail, String prev) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("at", at.toString());
        n.put("detail", detail);
        n.put("kind", kind.wire());
        n.put("prev", prev);
        n.put("seq", seq);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(LABEL);
            return HexFormat.of().formatHex(sha.digest(JSON.writeValueAsBytes(n)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    ObjectNode toNode() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("at", at.toString());
        n.put("detail", detail);
        n.put("hash", hash);
        n.put("kind", kind.wire());
        n.put("prev", prev);
        n.put("seq", seq);
        return n;
    }
}
