/**
 * Threat intelligence: a STIX 2.1 store keeping every version of every shared object byte for byte with its TLP 2.0
 * marking and sharing scope, served to members by a TAXII 2.1 server under {@code /taxii2/}, and sharing of STIX
 * bundles, CSV indicator lists and MISP exports (named or anonymous) through the API, a page and the CLI.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intel: STIX store and TAXII 2.1")
package org.finres.intel;
