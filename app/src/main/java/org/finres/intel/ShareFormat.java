package org.finres.intel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a member shares: a STIX 2.1 bundle (or lone object), a CSV of indicators, or a MISP JSON event export. */
public enum ShareFormat {
    STIX, CSV, MISP;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ShareFormat> of(String code) {
        return code == null ? Optional.empty()
                : Arrays.stream(values()).filter(f -> f.code().equals(code.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    /**
     * The format a content type names; {@code application/json} is ambiguous, so it is decided by the content:
     * a document with a STIX {@code type} is STIX, anything else MISP.
     */
    public static Optional<ShareFormat> ofContent(String contentType, byte[] content) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/csv") || type.startsWith("application/csv")) return Optional.of(CSV);
        if (type.startsWith("application/stix+json") || type.startsWith("application/taxii+json")) return Optional.of(STIX);
        if (type.startsWith("application/json") || type.startsWith("text/plain") || type.isEmpty()) {
            return Optional.of(sniff(content));
        }
        return Optional.empty();
    }

    /** A guess from the first bytes: JSON with a STIX type is STIX, other JSON MISP, anything else CSV. */
    public static ShareFormat sniff(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 4096), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (head.startsWith("\uFEFF")) head = head.substring(1).strip();
        if (!head.startsWith("{") && !head.startsWith("[")) return CSV;
        boolean misp = head.contains("\"Event\"") || head.contains("\"Attribute\"") || head.contains("\"response\"");
        return !misp && head.contains("\"type\"") ? STIX : MISP;
    }
}
