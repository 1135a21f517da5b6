package org.finres.core;

import java.time.Instant;
import java.util.Set;

/** An API token's record. The secret is shown once, when created, and only its hash is kept. */
public record ApiToken(TokenId id, InstitutionId institutionId, String name, Set<TokenScope> scopes, String createdBy,
                       Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
