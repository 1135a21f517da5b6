package org.finres.vault.engine.custody;

import org.finres.vault.engine.WrongKeyException;

/**
 * An escrow key file, a released share or a custodian key does not yield the data key, and {@link #reason()} says
 * which of the closed set of reasons applies; the message names the custodians, repositories or keys involved.
 */
public final class CustodyRefusedException extends WrongKeyException {

    /** Why custody refused; the hub maps each to its own page text. */
    public enum Reason {
        /** Fewer than M distinct custodians released their share. */
        INSUFFICIENT_APPROVALS,
        /** A released share or key file belongs to another repository. */
        OTHER_REPOSITORY,
        /** A released share was made for another version of the escrow key file. */
        OTHER_KEY_FILE,
        /** A released share was sealed to another recipient. */
        OTHER_RECIPIENT,
        /** Two released shares come from the same custodian. */
        DUPLICATE_CUSTODIAN,
        /** A released share names a custodian the key file does not have, or a key is not that custodian's. */
        UNKNOWN_CUSTODIAN,
        /** Bytes fail authentication or their check: tampered, damaged, or under another key. */
        TAMPERED,
        /** Bytes are not a well-formed custody structure at all. */
        MALFORMED,
        /** The passphrase does not unlock a custodian's private key file. */
        WRONG_PASSPHRASE
    }

    private final Reason reason;

    public CustodyRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static CustodyRefusedException malformed(String message) {
        return new CustodyRefusedException(Reason.MALFORMED, message);
    }

    static CustodyRefusedException tampered(String message) {
        return new CustodyRefusedException(Reason.TAMPERED, message);
    }
}
