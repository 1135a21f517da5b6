package org.finres.resilience.engine;

/** Where in the source an element or one of its fields was written, so that validation problems name the line. */
public interface SourceLocations {

    /** Line and column of {@code field} of element {@code id} (or of the element when the field is absent). */
    int[] of(String id, String field);

    SourceLocations NONE = (id, field) -> new int[] {0, 0};
}
