package org.finres.attack;

import java.time.Instant;
import java.util.List;

/** One import of an ATT&CK bundle: what it declared itself to be and what it brought. */
public record CatalogueImport(long id, List<String> collections, List<String> domains, int techniques, int tactics,
                              int skipped, Instant importedAt, String importedBy) {

    public CatalogueImport {
        collections = List.copyOf(collections);
        domains = List.copyOf(domains);
    }
}
