package org.finres.intel;

import java.time.Instant;

import org.finres.stix.Tlp;

/**
 * One stored version of a STIX object.
 *
 * @param version the version as the object writes it (modified, else created, else date_added)
 * @param json    the exact JSON text the object was shared with
 */
public record StoredVersion(String id, String type, String specVersion, Instant dateAdded, String version, Tlp tlp,
                            boolean revoked, String json) {
}
