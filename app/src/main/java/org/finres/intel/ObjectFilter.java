package org.finres.intel;

import java.time.Instant;
import java.util.List;

/**
 * The TAXII filters of an objects, manifest or versions request. Empty lists match everything.
 *
 * @param addedAfter   only objects added strictly after this instant; null for no bound
 * @param limit        page size, already bounded by the server's maximum
 * @param next         the opaque cursor of the previous page; null for the first page
 * @param specVersions {@code match[spec_version]}; empty for the latest (every stored object is STIX 2.1)
 */
public record ObjectFilter(Instant addedAfter, int limit, String next, List<String> ids, List<String> types,
                           VersionSelection versions, List<String> specVersions) {

    public ObjectFilter {
        ids = ids == null ? List.of() : List.copyOf(ids);
        types = types == null ? List.of() : List.copyOf(types);
        specVersions = specVersions == null ? List.of() : List.copyOf(specVersions);
        versions = versions == null ? VersionSelection.LAST : versions;
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** The first page of everything's newest versions. */
    public static ObjectFilter firstPage(int limit) {
        return new ObjectFilter(null, limit, null, List.of(), List.of(), VersionSelection.LAST, List.of());
    }

    /** The same filters for the page after {@code cursor}. */
    public ObjectFilter after(String cursor) {
        return new ObjectFilter(addedAfter, limit, cursor, ids, types, versions, specVersions);
    }
}
