package org.finres.stix;

import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A STIX bundle, or a lone STIX object read from a document that was not a bundle ({@code id} empty then). A bundle
 * that was read keeps its {@link BundleLayout}, so writing it back unchanged reproduces the input byte for byte.
 */
public record StixBundle(Optional<StixId> id, List<StixObject> objects, Optional<BundleLayout> layout) {

    public StixBundle {
        objects = List.copyOf(objects);
    }

    /** A new bundle with a random id, written compactly. */
    public static StixBundle of(List<? extends StixObject> objects) {
        return of(StixId.of("bundle", UUID.randomUUID()), objects);
    }

    public static StixBundle of(StixId id, List<? extends StixObject> objects) {
        if (!id.type().equals("bundle")) throw new IllegalArgumentException("a bundle id starts with bundle--: " + id);
        return new StixBundle(Optional.of(id), List.copyOf(objects), Optional.empty());
    }

    /** True when the document was a single object rather than a bundle. */
    public boolean isLoneObject() {
        return id.isEmpty();
    }

    /** The same envelope with other objects; the layout is kept only if the count still fits it. */
    public StixBundle withObjects(List<? extends StixObject> replaced) {
        return new StixBundle(id, List.copyOf(replaced), layout.filter(l -> l.fits(replaced.size())));
    }
}
