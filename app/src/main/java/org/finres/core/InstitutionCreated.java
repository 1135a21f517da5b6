package org.finres.core;

/** A member institution was created; published inside the creating transaction. */
public record InstitutionCreated(InstitutionId institutionId, InstitutionKind kind) {
}
