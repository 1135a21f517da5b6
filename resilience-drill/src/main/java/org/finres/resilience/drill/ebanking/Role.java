package org.finres.resilience.drill.ebanking;

import java.util.Locale;

/** A node's part: serving writes, following the primary, or stepped down after seeing a newer primary. */
public enum Role {
    PRIMARY, STANDBY, FENCED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
