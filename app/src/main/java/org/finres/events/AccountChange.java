package org.finres.events;

import java.util.Objects;

/**
 * Account Change (3001): an account created, enabled, disabled, deleted or its password changed. OCSF 1.9 deprecates
 * it for User Management, but the sector's sources and our detection rules still speak it.
 */
public record AccountChange(BaseAttributes base, User user, User userResult, NetworkEndpoint srcEndpoint)
        implements OcsfEvent {

    public static final int CREATE = 1;
    public static final int ENABLE = 2;
    public static final int PASSWORD_CHANGE = 3;
    public static final int PASSWORD_RESET = 4;
    public static final int DISABLE = 5;
    public static final int DELETE = 6;
    public static final int LOCK = 9;
    public static final int UNLOCK = 12;

    public AccountChange {
        Objects.requireNonNull(base, "base");
    }

    @Override
    public AccountChange withBase(BaseAttributes newBase) {
        return new AccountChange(newBase, user, userResult, srcEndpoint);
    }
}
