package org.finres.stix.model;

/** A STIX Meta Object. */
public sealed interface MetaObject extends StixObject permits MarkingDefinition, LanguageContent, ExtensionDefinition {
}
