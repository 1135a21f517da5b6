package org.finres.core;

/** A newly created token together with its secret, the only time the secret exists outside the client. */
public record IssuedToken(ApiToken token, String secret) {
}
