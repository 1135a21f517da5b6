/**
 * STIX 2.1 for the JVM: reads and writes bundles keeping every object byte for byte, validates objects, derives
 * deterministic observable ids, and parses and evaluates STIX patterns.
 */
package org.finres.stix;
