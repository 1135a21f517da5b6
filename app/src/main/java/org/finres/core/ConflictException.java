package org.finres.core;

/** The operation clashes with the current state (a duplicate id, a tenant that still has users): a 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
