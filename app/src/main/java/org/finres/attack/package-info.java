/**
 * MITRE ATT&CK reference data: techniques and tactics imported from MITRE's STIX bundles, so that alerts,
 * indicators and warnings name the technique they are about.
 */
@org.springframework.modulith.ApplicationModule(displayName = "ATT&CK: techniques and tactics")
package org.finres.attack;
