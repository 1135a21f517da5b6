package org.finres.intel;

import java.time.Instant;
import java.util.List;

/** TAXII's {@code match[version]}: any of first, last, all, and exact version timestamps. */
public record VersionSelection(boolean first, boolean last, boolean all, List<Instant> versions) {

    /** TAXII's default: the newest version of each object. */
    public static final VersionSelection LAST = new VersionSelection(false, true, false, List.of());
    public static final VersionSelection ALL = new VersionSelection(false, false, true, List.of());

    public VersionSelection {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }
}
