/**
 * Turns indicator lists in other formats (CSV of indicators, MISP JSON event exports) into STIX 2.1 bundles of
 * indicators with checked patterns and observables with deterministic ids, naming every bad row or attribute.
 */
package org.finres.stix.convert;
