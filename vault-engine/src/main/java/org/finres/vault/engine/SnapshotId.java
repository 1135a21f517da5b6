package org.finres.vault.engine;

import java.util.regex.Pattern;

/**
 * A snapshot manifest's file name: 64 hex digits, a keyed hash of institution and business date, so the name is
 * unique per pair without showing either to whoever holds the repository's files.
 */
public record SnapshotId(String value) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public SnapshotId {
        if (value == null || !HEX64.matcher(value).matches()) {
            throw new IllegalArgumentException("snapshot id must be 64 lower-case hex digits: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && HEX64.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
