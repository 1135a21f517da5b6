package org.finres.stix.attack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The techniques and tactics of one or more ATT&CK matrices. One id can be described more than once (a technique
 * revoked and re-issued, or the same id in two matrices): {@link #technique} answers with the current one, and
 * prefers the enterprise matrix.
 *
 * @param collections the {@code x-mitre-collection}s the bundle declared ("Enterprise ATT&CK 16.1"), for provenance
 * @param skipped     attack-patterns without an ATT&CK external id (CAPEC, a member's own), which are not techniques
 */
public record AttackCatalogue(List<String> collections, List<Technique> techniques, List<Tactic> tactics,
                              int skipped) {

    private static final Comparator<Technique> PREFERRED = Comparator
            .comparing(Technique::current).thenComparing(t -> t.domain() == AttackDomain.ENTERPRISE);

    public AttackCatalogue {
        collections = List.copyOf(collections);
        techniques = List.copyOf(techniques);
        tactics = List.copyOf(tactics);
    }

    public Optional<Technique> technique(TechniqueId id) {
        return techniques.stream().filter(t -> t.id().equals(id)).max(PREFERRED);
    }

    /**
     * How a technique is shown to an analyst: a sub-technique with its parent's name first, as ATT&CK itself
     * writes it ("Command and Scripting Interpreter: PowerShell").
     */
    public Optional<String> displayName(TechniqueId id) {
        return technique(id).map(t -> {
            if (!id.isSubTechnique()) {
                return t.name();
            }
            return technique(id.parent()).map(p -> p.name() + ": " + t.name()).orElse(t.name());
        });
    }

    /** The tactics of a technique, by their short names in its own matrix. */
    public List<Tactic> tacticsOf(Technique technique) {
        Map<String, Tactic> byShortName = new HashMap<>();
        for (Tactic t : tactics) {
            if (t.domain() == technique.domain()) {
                byShortName.putIfAbsent(t.shortName(), t);
            }
        }
        List<Tactic> out = new ArrayList<>();
        for (String s : technique.tactics()) {
            Tactic t = byShortName.get(s);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
