package org.finres.stix.convert;

import java.util.Locale;
import java.util.Optional;

import org.finres.stix.Tlp;

/** TLP levels as people write them: {@code amber+strict}, {@code TLP:AMBER+STRICT}, and TLP 1.0's {@code white}. */
final class TlpNames {

    private TlpNames() {
    }

    static Optional<Tlp> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("tlp:")) t = t.substring(4).strip();
        return switch (t) {
            case "white" -> Optional.of(Tlp.CLEAR);
            case "amber-strict", "amber_strict" -> Optional.of(Tlp.AMBER_STRICT);
            default -> Tlp.ofLevel(t);
        };
    }

    static final String ACCEPTED = "clear (or white), green, amber, amber+strict, red, with or without tlp:";
}
