package org.finres.events;

/** OCSF {@code cvss}: a CVSS score with its version and vector. */
public record Cvss(String version, double baseScore, String severity, String vectorString) {
}
