package org.finres.vault.engine.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Period;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.finres.vault.engine.RepositoryParameters;
import org.finres.vault.engine.chunk.ChunkerParameters;

/**
 * The {@code config} file: readable text (so an operator can see what a folder is without the key), with a last
 * line {@code mac=} that authenticates everything above it under the config key. The mac can only be checked after
 * the data key is unwrapped, which needs the repository id from the same file; {@link #parse} therefore reads
 * without checking and {@link #checkMac} is called once the keys are known.
 */
public record RepositoryConfig(int formatVersion, String repositoryId, RepositoryParameters parameters,
        Period retentionLock, byte[] signingKey) {

    /** Version 2 added the manifest chain ({@code chain/}), retention locks and the pinned signing key. */
    public static final int FORMAT_VERSION = 2;
    private static final int OLDEST_READABLE = 1;
    public static final String FIRST_LINE = "finres-vault repository";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    /** The fixed algorithm choices of format version 1; a reader refuses any other value. */
    private static final Map<String, String> ALGORITHMS = Map.of(
            "cipher", "AES-256-GCM",
            "chunk-id", "HMAC-SHA-256",
            "key-derivation", "HMAC-SHA-256",
            "compression", "zstd",
            "chunker", "fastcdc-gear64-v1");

    public RepositoryConfig {
        if (!ID.matcher(repositoryId).matches()) {
            throw new CorruptDataException("repository id must be 32 hex digits: " + repositoryId);
        }
        if (retentionLock != null && (retentionLock.isNegative() || retentionLock.isZero())) {
            throw new CorruptDataException("a retention lock is a positive period: " + retentionLock);
        }
    }

    /** A repository without retention lock and without a pinned signing key. */
    public RepositoryConfig(int formatVersion, String repositoryId, RepositoryParameters parameters) {
        this(formatVersion, repositoryId, parameters, null, null);
    }

    /** Whether the repository keeps a manifest chain (format 2 on). */
    public boolean chained() {
        return formatVersion >= 2;
    }

    public byte[] repositoryIdBytes() {
        return HexFormat.of().parseHex(repositoryId);
    }

    public String text(RepositoryKeys keys) {
        StringBuilder s = new StringBuilder(FIRST_LINE).append('\n');
        s.append("format-version=").append(formatVersion).append('\n');
        s.append("repository-id=").append(repositoryId).append('\n');
        for (String k : new String[] {"cipher", "chunk-id", "key-derivation", "compression", "chunker"}) {
            s.append(k).append('=').append(ALGORITHMS.get(k)).append('\n');
        }
        ChunkerParameters c = parameters.chunking();
        s.append("chunk-min=").append(c.min()).append('\n');
        s.append("chunk-avg=").append(c.avg()).append('\n');
        s.append("chunk-max=").append(c.max()).append('\n');
        s.append("pack-size=").append(parameters.packSize()).append('\n');
        s.append("zstd-level=").append(parameters.compressionLevel()).append('\n');
        if (formatVersion >= 2) {
            s.append("retention-lock=").append(retentionLock == null ? "none" : retentionLock.toString()).append('\n');
            s.append("signing-key=").append(signingKey == null ? "none" : Base64.getEncoder().encodeToString(signingKey))
                    .append('\n');
        }
        byte[] mac = keys.configMac(s.toString().getBytes(StandardCharsets.UTF_8));
        return s.append("mac=").append(HexFormat.of().formatHex(mac)).append('\n').toString();
    }

    /**
     * @throws UnsupportedVersionException for another format version or algorithm
     * @throws CorruptDataException for text that is not a config of ours
     */
    public static RepositoryConfig parse(String text) {
        if (!text.startsWith(FIRST_LINE + "\n")) {
            throw new CorruptDataException("not a finres-vault config");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.substring(FIRST_LINE.length() + 1).split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || values.put(line.substring(0, eq), line.substring(eq + 1)) != null) {
                throw new CorruptDataException("config line is not key=value, or repeats a key: " + line);
            }
        }
        int version = number(values, "format-version");
        if (version < OLDEST_READABLE || version > FORMAT_VERSION) {
            throw new UnsupportedVersionException("repository format version " + version + "; this engine reads "
                    + OLDEST_READABLE + " to " + FORMAT_VERSION);
        }
        for (Map.Entry<String, String> a : ALGORITHMS.entrySet()) {
            if (!a.getValue().equals(values.get(a.getKey()))) {
                throw new UnsupportedVersionException(a.getKey() + " " + values.get(a.getKey())
                        + " is not supported (format 1 uses " + a.getValue() + ")");
            }
        }
        try {
            RepositoryParameters p = new RepositoryParameters(new ChunkerParameters(number(values, "chunk-min"),
                    number(values, "chunk-avg"), number(values, "chunk-max")), number(values, "pack-size"),
                    number(values, "zstd-level"));
            Period lock = null;
            byte[] signingKey = null;
            if (version >= 2) {
                String l = required(values, "retention-lock");
                lock = l.equals("none") ? null : Period.parse(l);
                String k = required(values, "signing-key");
                signingKey = k.equals("none") ? null : Base64.getDecoder().decode(k);
            }
            return new RepositoryConfig(version, required(values, "repository-id"), p, lock, signingKey);
        } catch (java.time.format.DateTimeParseException e) {
            throw new CorruptDataException("config retention-lock is not an ISO-8601 period", e);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("config has impossible parameters: " + e.getMessage(), e);
        }
    }

    /** Whether the text's last line authenticates the rest under these keys. */
    public static boolean checkMac(RepositoryKeys keys, String text) {
        int at = text.lastIndexOf("mac=");
        if (at < 0 || !text.endsWith("\n")) {
            return false;
        }
        byte[] expected = keys.configMac(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        String given = text.substring(at + 4, text.length() - 1);
        return MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    private static String required(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            throw new CorruptDataException("config lacks " + key);
        }
        return v;
    }

    private static int number(Map<String, String> values, String key) {
        try {
            return Integer.parseInt(required(values, key));
        } catch (NumberFormatException e) {
            throw new CorruptDataException("config " + key + " is not a number", e);
        }
    }
}
