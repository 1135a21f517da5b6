package org.finres.stix.model;

/** A STIX Relationship Object (SRO). */
public sealed interface RelationshipObject extends StixObject permits Relationship, Sighting {
}
