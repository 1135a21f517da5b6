package org.finres.core;

import java.time.Instant;
import java.util.Locale;

/** A person who logs in. The password hash never leaves the core module. */
public record UserAccount(UserId id, InstitutionId institutionId, String username, String displayName, String email,
                          Role role, Locale locale, boolean enabled, Instant lockedUntil, Instant lastLoginAt,
                          Instant createdAt) {
}
