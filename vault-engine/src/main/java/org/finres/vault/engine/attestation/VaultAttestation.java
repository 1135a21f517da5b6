package org.finres.vault.engine.attestation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.finres.vault.engine.MalformedAttestationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one vault run stored: the institution, the repository and snapshot, the business date, when it was vaulted,
 * how many files and bytes, the record counts and control totals of the core data (keys defined by the core-data
 * format), and the SHA-256 of the snapshot's manifest as stored. {@link #canonicalJson()} gives the bytes that are
 * signed: keys sorted, no spaces, amounts as the decimal strings they were given in (never floating point).
 */
public record VaultAttestation(String institution, String repositoryId, String snapshotId, LocalDate businessDate,
        Instant vaultedAt, long files, long bytes, Map<String, Long> recordCounts, Map<String, String> controlTotals,
        String manifestSha256) {

    static final Pattern INSTITUTION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,18})?");
    static final int MAX_ENTRIES = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public VaultAttestation {
        require(institution != null && INSTITUTION.matcher(institution).matches(), "institution",
                "a tenant slug (lower-case letters, digits and '-', at most 63)", institution);
        require(repositoryId != null && HEX32.matcher(repositoryId).matches(), "repositoryId",
                "32 lower-case hex digits", repositoryId);
        require(snapshotId != null && HEX64.matcher(snapshotId).matches(), "snapshotId", "64 lower-case hex digits",
                snapshotId);
        require(businessDate != null, "businessDate", "a date", null);
        require(vaultedAt != null, "vaultedAt", "an instant", null);
        require(files >= 0, "files", "a count >= 0", files);
        require(bytes >= 0, "bytes", "a count >= 0", bytes);
        require(manifestSha256 != null && HEX64.matcher(manifestSha256).matches(), "manifestSha256",
                "64 lower-case hex digits", manifestSha256);
        require(recordCounts != null && recordCounts.size() <= MAX_ENTRIES, "recordCounts",
                "at most " + MAX_ENTRIES + " entries", recordCounts == null ? null : recordCounts.size());
        require(controlTotals != null && controlTotals.size() <= MAX_ENTRIES, "controlTotals",
                "at most " + MAX_ENTRIES + " entries", controlTotals == null ? null : controlTotals.size());
        TreeMap<String, Long> counts = new TreeMap<>();
        recordCounts.forEach((k, v) -> {
            require(k != null && KEY.matcher(k).matches(), "recordCounts key", "letters, digits and _ . : -", k);
            require(v != null && v >= 0, "recordCounts." + k, "a count >= 0", v);
            counts.put(k, v);
        });
        TreeMap<String, String> totals = new TreeMap<>();
        controlTotals.forEach((k, v) -> {
            require(k != null && KEY.matcher(k).matches(), "controlTotals key", "letters, digits and _ . : -", k);
            require(v != null && DECIMAL.matcher(v).matches(), "controlTotals." + k,
                    "a plain decimal string such as -1234.50", v);
            totals.put(k, v);
        });
        recordCounts = Collections.unmodifiableSortedMap(counts);
        controlTotals = Collections.unmodifiableSortedMap(totals);
    }

    private static void require(boolean ok, String field, String expected, Object found) {
        if (!ok) {
            throw new MalformedAttestationException("attestation field " + field + " must be " + expected
                    + (found == null ? "" : ", found " + shorten(String.valueOf(found))));
        }
    }

    static String shorten(String s) {
        return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...'";
    }

    /** A control total as a number, for comparisons; the string form stays what is signed. */
    public BigDecimal controlTotal(String key) {
        String v = controlTotals.get(key);
        return v == null ? null : new BigDecimal(v);
    }

    /** The signed bytes: UTF-8 JSON with keys sorted and no whitespace. */
    public byte[] canonicalJson() {
        return JSON.writeValueAsBytes(toNode());
    }

    ObjectNode toNode() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        // Keys are added in sorted order: Jackson keeps insertion order, so this is the canonical order.
        ObjectNode n = f.objectNode();
        n.put("businessDate", businessDate.toString());
        n.put("bytes", bytes);
        ObjectNode totals = n.putObject("controlTotals");
        controlTotals.forEach(totals::put);
        n.put("files", files);
        n.put("institution", institution);
        n.put("manifestSha256", manifestSha256);
        ObjectNode counts = n.putObject("recordCounts");
        recordCounts.forEach(counts::put);
        n.put("repositoryId", repositoryId);
        n.put("snapshotId", snapshotId);
        n.put("vaultedAt", vaultedAt.toString());
        return n;
    }
}
