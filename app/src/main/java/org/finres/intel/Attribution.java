package org.finres.intel;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the community learns who shared: {@code NAMED} keeps the objects' creator (and names the institution
 * on converted objects), {@code ANONYMOUS} shows the hub's anonymous identity instead. The hub always knows.
 */
public enum Attribution {
    NAMED, ANONYMOUS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Attribution> of(String code) {
        if (code == null) return Optional.empty();
        return switch (code.strip().toLowerCase(Locale.ROOT)) {
            case "named" -> Optional.of(NAMED);
            case "anonymous" -> Optional.of(ANONYMOUS);
            default -> Optional.empty();
        };
    }
}
