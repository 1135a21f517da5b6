package org.finres.stix.attack;

import java.util.List;
import java.util.Objects;

/**
 * One ATT&CK technique or sub-technique as its bundle describes it.
 *
 * @param stixId     the attack-pattern's STIX id, which relationships and indicators refer to
 * @param tactics    the short names of its tactics in its domain's kill chain ({@code execution}), in bundle order
 * @param deprecated {@code x_mitre_deprecated}: kept so that old alerts still get a name, flagged as such
 * @param revoked    replaced by another technique; kept for the same reason
 */
public record Technique(TechniqueId id, String name, String stixId, AttackDomain domain, List<String> tactics,
                        String url, boolean deprecated, boolean revoked) {

    public Technique {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stixId, "stixId");
        Objects.requireNonNull(domain, "domain");
        tactics = List.copyOf(tactics);
    }

    public boolean current() {
        return !deprecated && !revoked;
    }
}
