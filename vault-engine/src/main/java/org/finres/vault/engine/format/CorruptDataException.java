package org.finres.vault.engine.format;

/**
 * Stored bytes that do not authenticate or do not parse. The only exception the format readers throw for bad input,
 * whatever the bytes (the fuzz tests hold them to that).
 */
public sealed class CorruptDataException extends RuntimeException permits TruncatedDataException {

    public CorruptDataException(String message) {
        super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
