package org.finres.core;

import java.time.Instant;
import java.util.Locale;

/** What a password login attempt came to. */
public sealed interface LoginResult {
    record Succeeded(Actor.User actor, Locale locale) implements LoginResult {
    }

    /** Wrong username or password; deliberately not saying which. */
    record Rejected() implements LoginResult {
    }

    /** Too many failures: the account is locked until the given time, whatever password is offered. */
    record Locked(Instant until) implements LoginResult {
    }

    record Disabled() implements LoginResult {
    }
}
