package org.finres.resilience;

/**
 * Well-formed drill evidence the hub does not accept: signed by a key the institution has not registered (or has
 * retired), a broken hash chain, a signature that does not verify, or another institution's drill (a 422).
 */
public class DrillRefusedException extends RuntimeException {
    public DrillRefusedException(String message) {
        super(message);
    }
}
