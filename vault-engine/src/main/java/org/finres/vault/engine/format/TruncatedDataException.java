package org.finres.vault.engine.format;

/** The data ends before its format says it should: a file cut short, for instance a pack without its trailer. */
public final class TruncatedDataException extends CorruptDataException {

    public TruncatedDataException(String message) {
        super(message);
    }
}
