package org.finres.sigma.rule;

import java.util.List;

/** One YAML document of a rule file: a detection rule, a correlation rule or a meta filter. */
public sealed interface SigmaDocument permits SigmaRule, CorrelationRule, SigmaFilter {

    /** The {@code id}, or null when the document has none. */
    String id();

    /** The {@code name} used by correlation rules to refer to it, or null. */
    String name();

    String title();

    Origin origin();

    /** A stable label for reports: the id, else the name, else the title. */
    default String label() {
        if (id() != null) return id();
        if (name() != null) return name();
        return title();
    }

    /** Ids and names by which other documents may refer to this one. */
    default List<String> references() {
        if (id() != null && name() != null) return List.of(id(), name());
        if (id() != null) return List.of(id());
        if (name() != null) return List.of(name());
        return List.of();
    }
}
