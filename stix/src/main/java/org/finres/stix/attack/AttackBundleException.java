package org.finres.stix.attack;

/** The input is not an ATT&CK bundle, or an ATT&CK object in it is malformed; the message names which and why. */
public final class AttackBundleException extends RuntimeException {

    public AttackBundleException(String message) {
        super(message);
    }

    public AttackBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
