package org.finres.vault.engine;

/**
 * How a repository's data key is protected at rest. The engine only ever sees the data key through an instance of
 * this: custody schemes (ML-KEM to a custodian, Shamir shares among several) implement it outside the engine, which
 * is why it is an open interface rather than a sealed one. Implementations must authenticate: {@link #unwrap} of
 * anything not made by {@link #wrap} with the same key and context throws {@link WrongKeyException}.
 */
public interface KeyWrapping {

    /** Stored in the key file, so {@code open} knows which key files this wrapping can try. */
    String algorithm();

    /** @param context binds the wrapped key to one repository (its id), so a key file cannot be moved to another */
    byte[] wrap(byte[] dataKey, byte[] context);

    byte[] unwrap(byte[] wrapped, byte[] context) throws WrongKeyException;
}
