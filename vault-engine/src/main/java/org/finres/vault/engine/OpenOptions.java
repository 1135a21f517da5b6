package org.finres.vault.engine;

import org.finres.vault.engine.signing.SigningKeyPair;

/**
 * How a repository is opened: the worker threads (2 to 4 is the intended range) and the institution's signing key
 * pair, which backup needs when the config pins a signing key (restore, verify and prune do not).
 */
public record OpenOptions(int threads, SigningKeyPair signingKey) {

    public OpenOptions {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be 1 to 64: " + threads);
        }
    }

    public static OpenOptions defaults() {
        return new OpenOptions(Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())), null);
    }

    public OpenOptions withThreads(int threads) {
        return new OpenOptions(threads, signingKey);
    }

    public OpenOptions withSigningKey(SigningKeyPair signingKey) {
        return new OpenOptions(threads, signingKey);
    }
}
