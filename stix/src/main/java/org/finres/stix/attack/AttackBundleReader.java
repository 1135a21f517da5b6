package org.finres.stix.attack;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.finres.stix.StixBundleReader;
import org.finres.stix.model.AttackPattern;
import org.finres.stix.model.ExternalReference;
import org.finres.stix.model.KillChainPhase;
import org.finres.stix.model.StixFormatException;
import org.finres.stix.model.StixObject;

/**
 * Reads MITRE's ATT&CK STIX 2.1 bundles ({@code enterprise-attack.json} and its mobile and ICS siblings) into an
 * {@link AttackCatalogue}. The bundle is streamed one object at a time, so the 40-odd MB of the enterprise matrix
 * never sits in memory as one tree; only techniques, tactics and collections are kept. Any input that is not such a
 * bundle raises {@link AttackBundleException}, and nothing else.
 */
public final class AttackBundleReader {

    private static final String TACTIC = "x-mitre-tactic";
    private static final String COLLECTION = "x-mitre-collection";

    private AttackBundleReader() {
    }

    public static AttackCatalogue read(byte[] bundle) {
        return read(new ByteArrayInputStream(bundle));
    }

    /** Does not close {@code in}. */
    public static AttackCatalogue read(InputStream in) {
        List<Technique> techniques = new ArrayList<>();
        List<Tactic> tactics = new ArrayList<>();
        List<String> collections = new ArrayList<>();
        int[] skipped = {0};
        try {
            StixBundleReader.stream(in, o -> {
                switch (o) {
                    case AttackPattern p -> technique(p).ifPresentOrElse(techniques::add, () -> skipped[0]++);
                    default -> {
                        if (TACTIC.equals(o.type())) {
                            tactics.add(tactic(o));
                        } else if (COLLECTION.equals(o.type())) {
                            collection(o).ifPresent(collections::add);
                        }
                    }
                }
            });
        } catch (StixFormatException e) {
            throw new AttackBundleException("not a STIX bundle: " + e.getMessage(), e);
        }
        if (techniques.isEmpty()) {
            throw new AttackBundleException("the bundle holds no ATT&CK technique (an attack-pattern whose external "
                    + "references carry a mitre-attack, mitre-mobile-attack or mitre-ics-attack id)"
                    + (skipped[0] > 0 ? "; " + skipped[0] + " other attack-pattern(s) were skipped" : ""));
        }
        return new AttackCatalogue(collections, techniques, tactics, skipped[0]);
    }

    private static Optional<Technique> technique(AttackPattern p) {
        ExternalReference ref = null;
        AttackDomain domain = null;
        for (ExternalReference r : p.common().externalReferences()) {
            Optional<AttackDomain> d = AttackDomain.ofSourceName(r.sourceName());
            if (d.isPresent()) {
                ref = r;
                domain = d.get();
                break;
            }
        }
        if (ref == null) {
            return Optional.empty();
        }
        String where = "attack-pattern " + p.id().toString();
        if (ref.externalId() == null || !TechniqueId.isValid(ref.externalId())) {
            throw new AttackBundleException(where + ": its " + ref.sourceName() + " external_id "
                    + (ref.externalId() == null ? "is missing" : "'" + TechniqueId.preview(ref.externalId())
                    + "' is not a technique id (T plus 4 digits, optionally .NNN)"));
        }
        if (p.name() == null || p.name().isBlank()) {
            throw new AttackBundleException(where + " (" + ref.externalId() + "): it has no name");
        }
        List<String> tactics = new ArrayList<>();
        for (KillChainPhase k : p.killChainPhases()) {
            if (domain.sourceName().equals(k.killChainName()) && k.phaseName() != null) {
                tactics.add(k.phaseName());
            }
        }
        boolean deprecated = Boolean.TRUE.equals(p.json().bool("x_mitre_deprecated"));
        boolean revoked = Boolean.TRUE.equals(p.common().revoked());
        return Optional.of(new Technique(TechniqueId.of(ref.externalId()), p.name().strip(), p.id().toString(), domain,
                tactics, ref.url(), deprecated, revoked));
    }

    private static Tactic tactic(StixObject o) {
        String where = TACTIC + " " + o.id().toString();
        ExternalReference ref = o.common().externalReferences().stream()
                .filter(r -> AttackDomain.ofSourceName(r.sourceName()).isPresent()).findFirst()
                .orElseThrow(() -> new AttackBundleException(where + ": no mitre-attack external reference"));
        String shortName = o.json().text("x_mitre_shortname");
        String name = o.json().text("name");
        if (shortName == null || shortName.isBlank()) {
            throw new AttackBundleException(where + ": x_mitre_shortname is missing");
        }
        if (name == null || name.isBlank()) {
            throw new AttackBundleException(where + ": name is missing");
        }
        try {
            return new Tactic(ref.externalId(), shortName, name, AttackDomain.ofSourceName(ref.sourceName()).get());
        } catch (IllegalArgumentException e) {
            throw new AttackBundleException(where + ": " + e.getMessage());
        }
    }

    private static Optional<String> collection(StixObject o) {
        String name = o.json().text("name");
        String version = o.json().text("x_mitre_version");
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(version != null ? name + " " + version : name);
    }
}
