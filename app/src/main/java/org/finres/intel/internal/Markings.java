package org.finres.intel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.finres.stix.Tlp;
import org.finres.stix.model.GranularMarking;
import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;

/**
 * The TLP an object is shared under: the strictest TLP 2.0 or STIX 2.1 predefined TLP 1.0 marking among its
 * object markings and granular markings (a granular RED marks part of the object RED, so the whole is held to it),
 * else the collection's default. The TLP marking definitions themselves are public.
 */
public final class Markings {

    /** STIX 2.1's predefined TLP 1.0 markings (section 7.2.1.4), with their TLP 2.0 equivalents (WHITE is CLEAR). */
    static final Map<StixId, Tlp> TLP_1 = Map.of(
            StixId.parse("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"), Tlp.CLEAR,
            StixId.parse("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"), Tlp.GREEN,
            StixId.parse("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"), Tlp.AMBER,
            StixId.parse("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"), Tlp.RED);

    private Markings() {
    }

    public static Tlp tlpOf(StixObject object, Tlp collectionDefault) {
        if (object.type().equals("marking-definition") && levelOf(object.id()).isPresent()) {
            return Tlp.CLEAR;
        }
        List<StixId> refs = new ArrayList<>(object.common().objectMarkingRefs());
        for (GranularMarking g : object.common().granularMarkings()) {
            if (g.markingRef() != null) {
                refs.add(g.markingRef());
            }
        }
        return refs.stream().map(Markings::levelOf).flatMap(Optional::stream).max(Enum::compareTo)
                .orElse(collectionDefault);
    }

    static Optional<Tlp> levelOf(StixId ref) {
        Optional<Tlp> v2 = Tlp.ofId(ref);
        return v2.isPresent() ? v2 : Optional.ofNullable(TLP_1.get(ref));
    }

    /** AMBER+STRICT and RED never go beyond named recipients, whatever collection they were shared into. */
    public static boolean recipientsOnly(Tlp tlp) {
        return tlp == Tlp.AMBER_STRICT || tlp == Tlp.RED;
    }
}
