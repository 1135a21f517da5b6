package org.finres.vault.engine.format;

/** Well-formed data of a format version or algorithm this engine does not implement (not damage). */
public final class UnsupportedVersionException extends RuntimeException {

    public UnsupportedVersionException(String message) {
        super(message);
    }
}
