package org.finres.stix.attack;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ATT&CK technique id: {@code T} and four digits, and for a sub-technique a dot and three more
 * ({@code T1059.001}). Enterprise, mobile and ICS techniques share this one id space.
 */
public record TechniqueId(String value) implements Comparable<TechniqueId> {

    private static final Pattern FORM = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    public TechniqueId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an ATT&CK technique id (T plus 4 digits, optionally .NNN): "
                    + (value == null ? "null" : "'" + preview(value) + "'"));
        }
    }

    /** Accepts the upper- or lower-case form ({@code t1059.001}), as Sigma tags and analysts write it. */
    public static TechniqueId of(String text) {
        return new TechniqueId(text == null ? null : text.strip().toUpperCase(Locale.ROOT));
    }

    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text.strip().toUpperCase(Locale.ROOT)).matches();
    }

    /**
     * The technique a Sigma tag names: {@code attack.t1059.001} gives T1059.001; tactic tags
     * ({@code attack.execution}), group and software tags ({@code attack.g0016}, {@code attack.s0002}) give nothing.
     */
    public static Optional<TechniqueId> fromSigmaTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String t = tag.strip().toLowerCase(Locale.ROOT);
        if (!t.startsWith("attack.")) {
            return Optional.empty();
        }
        String id = t.substring("attack.".length());
        return isValid(id) ? Optional.of(of(id)) : Optional.empty();
    }

    public boolean isSubTechnique() {
        return value.length() > 5;
    }

    /** The parent technique of a sub-technique; a technique is its own parent. */
    public TechniqueId parent() {
        return isSubTechnique() ? new TechniqueId(value.substring(0, 5)) : this;
    }

    @Override
    public int compareTo(TechniqueId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }

    static String preview(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
