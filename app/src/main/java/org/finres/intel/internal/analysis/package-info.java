/**
 * Automated analysis of shared intelligence: STIX indicators fed to detection, hits and retro-hunts turned into
 * STIX sightings, hub-computed confidence, and warning lists of known-benign values.
 */
package org.finres.intel.internal.analysis;
