/**
 * MITRE ATT&CK from its STIX 2.1 bundles: the techniques, sub-techniques and tactics of a matrix, looked up by their
 * ATT&CK ids (T1059.001, TA0002) and by the {@code attack.*} tags Sigma rules carry.
 */
package org.finres.stix.attack;
