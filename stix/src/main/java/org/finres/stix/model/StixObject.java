package org.finres.stix.model;

/**
 * Any STIX 2.1 object. Each one keeps its exact original JSON text and its parsed tree ({@link #json()}): typed
 * accessors are a view, never the source of truth, so unknown and custom properties survive a read-write cycle
 * byte for byte.
 */
public sealed interface StixObject permits DomainObject, RelationshipObject, CyberObservable, MetaObject, CustomObject {

    StixId id();

    /** The {@code type} property as written. */
    String type();

    CommonProperties common();

    StixJson json();
}
