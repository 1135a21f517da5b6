package org.finres.stix.model;

import java.util.List;

/** A granular marking: a marking definition or a language applied to the properties named by the selectors. */
public record GranularMarking(String lang, StixId markingRef, List<String> selectors) {
    public GranularMarking {
        selectors = selectors == null ? List.of() : List.copyOf(selectors);
    }
}
