package org.finres.stix.attack;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An ATT&CK tactic ({@code x-mitre-tactic}): its id ({@code TA0002}), the short name techniques use in their kill
 * chain phases ({@code execution}), and its display name.
 */
public record Tactic(String id, String shortName, String name, AttackDomain domain) {

    private static final Pattern ID = Pattern.compile("TA\\d{4}");

    public Tactic {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an ATT&CK tactic id (TA plus 4 digits): "
                    + (id == null ? "null" : "'" + TechniqueId.preview(id) + "'"));
        }
        Objects.requireNonNull(shortName, "shortName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
    }
}
