/**
 * Detection: a catalogue of Sigma rules evaluated on the event plane's stream, indicator matching, alerts as OCSF
 * Detection Findings with triage, and sector alerts when the same attacker reaches several institutions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Detection")
package org.finres.detection;
