package org.finres.vault.engine.custody;

/** Who holds an escrow share; stored as its ordinal + 1 in key files and released shares, so never reorder. */
public enum CustodianRole {
    INSTITUTION, HUB_OPERATOR, REGULATOR, RESTORING_INSTITUTION;

    byte code() {
        return (byte) (ordinal() + 1);
    }

    static CustodianRole of(int code, String what) {
        if (code < 1 || code > values().length) {
            throw CustodyRefusedException.malformed(what + " names custodian role " + code + ", which does not exist");
        }
        return values()[code - 1];
    }
}
