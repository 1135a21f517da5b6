package org.finres.events;

import java.util.Objects;

/**
 * One way an event breaks its OCSF class's rules.
 *
 * @param attribute the dotted OCSF attribute path, e.g. {@code metadata.product} or {@code process}
 * @param problem   what is wrong, in words an operator can act on
 */
public record Violation(String attribute, String problem) {

    public Violation {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(problem, "problem");
    }

    @Override
    public String toString() {
        return attribute + ": " + problem;
    }
}
