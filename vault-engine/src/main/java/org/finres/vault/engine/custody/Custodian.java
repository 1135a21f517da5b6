package org.finres.vault.engine.custody;

/** A named holder of one escrow share: its role, a display name (e.g. "Financial Supervisory Commission") and key. */
public record Custodian(CustodianRole role, String name, CustodianPublicKey publicKey) {

    public Custodian {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a custodian's display name has 1..200 characters");
        }
    }

    /** "REGULATOR 'FSC'": how messages and the audit trail name a custodian. */
    public String label() {
        return role + " '" + name + "'";
    }
}
