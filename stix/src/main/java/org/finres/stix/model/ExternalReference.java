package org.finres.stix.model;

import java.util.Map;

/** An external reference; {@code hashes} is empty when absent. */
public record ExternalReference(String sourceName, String description, String url, Map<String, String> hashes,
                                String externalId) {
    public ExternalReference {
        hashes = hashes == null ? Map.of() : Map.copyOf(hashes);
    }
}
