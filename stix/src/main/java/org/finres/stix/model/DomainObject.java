package org.finres.stix.model;

/** A STIX Domain Object (SDO). */
public sealed interface DomainObject extends StixObject permits AttackPattern, Campaign, CourseOfAction, Grouping, Identity, Incident, Indicator, Infrastructure, IntrusionSet, Location, Malware, MalwareAnalysis, Note, ObservedData, Opinion, Report, ThreatActor, Tool, Vulnerability {
}
