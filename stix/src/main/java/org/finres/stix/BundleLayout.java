package org.finres.stix;

import java.util.List;

/**
 * The text of a read document around its objects: {@code gaps.get(0)} before the first object, {@code gaps.get(i)}
 * between object i-1 and i, the last one after the last object. It holds the envelope ({@code type}, {@code id},
 * custom bundle properties) and all whitespace exactly as read, which is what lets an unchanged document be
 * written back byte for byte.
 */
public record BundleLayout(List<String> gaps) {

    public BundleLayout {
        gaps = List.copyOf(gaps);
    }

    /** True when this layout has exactly the slots for {@code objectCount} objects. */
    public boolean fits(int objectCount) {
        return gaps.size() == objectCount + 1;
    }
}
