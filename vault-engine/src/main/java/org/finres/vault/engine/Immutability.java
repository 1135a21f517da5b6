package org.finres.vault.engine;

import java.time.Period;
import org.finres.vault.engine.signing.SigningPublicKey;

/**
 * Fixed at {@code init} and pinned in the repository's config: how long each snapshot is locked by default (null:
 * no lock unless a backup asks for one) and the public key every chain link must be signed with (null: links are
 * hash-chained but unsigned, which shows damage but not deliberate rewriting).
 */
public record Immutability(Period retentionLock, SigningPublicKey signingKey) {

    public static final Immutability NONE = new Immutability(null, null);

    public Immutability {
        if (retentionLock != null && (retentionLock.isNegative() || retentionLock.isZero())) {
            throw new IllegalArgumentException("a retention lock is a positive period (e.g. P7Y): " + retentionLock);
        }
    }
}
