package org.finres.resilience.engine;

import java.util.Arrays;
import java.util.Optional;

/** How the members of a redundancy group share the work. */
public enum RedundancyMode {
    /** Every member serves; losing some costs their share of capacity and the failover time. */
    ACTIVE_ACTIVE("active-active"),
    /** The first member serves, the others stand by; losing a standby costs nothing until the primary goes too. */
    ACTIVE_PASSIVE("active-passive");

    private final String formatName;

    RedundancyMode(String formatName) {
        this.formatName = formatName;
    }

    public String formatName() {
        return formatName;
    }

    public static Optional<RedundancyMode> fromFormatName(String name) {
        return Arrays.stream(values()).filter(m -> m.formatName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return formatName;
    }
}
