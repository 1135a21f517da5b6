package org.finres.events;

/** OCSF {@code fingerprint}: one hash of a file; {@code algorithm_id} 1 MD5, 2 SHA-1, 3 SHA-256, 18 Imphash. */
public record Fingerprint(int algorithmId, String algorithm, String value) {
}
