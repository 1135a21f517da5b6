package org.finres.stix.model;

/**
 * An object of a type this engine does not define (a custom {@code x-...} object, an object introduced by an
 * extension definition, or a future type): kept whole, never dropped.
 */
public record CustomObject(StixId id, String type, CommonProperties common, StixJson json) implements StixObject {}
