package org.finres.stix.model;

/** A STIX Cyber-observable Object (SCO). */
public sealed interface CyberObservable extends StixObject permits Artifact, AutonomousSystem, Directory, DomainName, EmailAddress, EmailMessage, File, Ipv4Address, Ipv6Address, MacAddress, Mutex, NetworkTraffic, Process, Software, Url, UserAccount, WindowsRegistryKey, X509Certificate {
}
