package org.finres.core;

/** The actor lacks the permission for the operation at all (a 403); the refusal is already audited. */
public class AccessRefusedException extends RuntimeException {
    public AccessRefusedException(String message) {
        super(message);
    }
}
