package org.finres.stix.model;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A STIX identifier {@code <type>--<UUID>}. Parsing accepts any type name and any 8-4-4-4-12 hexadecimal UUID so that
 * objects with questionable ids still load; {@link #uuidVersion()} and the validator judge the rest.
 */
public record StixId(String type, String uuid) {

    private static final Pattern SHAPE = Pattern.compile("([a-z0-9][a-z0-9-]*)--([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    public StixId {
        if (type == null || uuid == null || !SHAPE.matcher(type + "--" + uuid).matches())
            throw new IllegalArgumentException("not a STIX id: " + type + "--" + uuid);
    }

    /** Parses {@code text}, or returns null when it is not shaped like a STIX id. */
    public static StixId parseOrNull(String text) {
        if (text == null) return null;
        var m = SHAPE.matcher(text);
        return m.matches() ? new StixId(m.group(1), m.group(2)) : null;
    }

    public static StixId parse(String text) {
        StixId id = parseOrNull(text);
        if (id == null) throw new IllegalArgumentException("not a STIX id (<type>--<UUID>): " + text);
        return id;
    }

    public static StixId of(String type, UUID uuid) {
        return new StixId(type, uuid.toString());
    }

    /** The UUID version digit (4 for random, 5 for deterministic SCO ids). */
    public int uuidVersion() {
        return Character.digit(uuid.charAt(14), 16);
    }

    /** True when the UUID carries the RFC 4122 variant bits (10xx), as STIX requires. */
    public boolean hasRfc4122Variant() {
        int v = Character.digit(uuid.charAt(19), 16);
        return v >= 8 && v <= 11;
    }

    @Override
    public String toString() {
        return type + "--" + uuid;
    }
}
