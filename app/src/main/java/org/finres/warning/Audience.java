package org.finres.warning;

import java.util.Locale;

import org.finres.core.InvalidInputException;

/** Who a warning goes to: every member institution, or only those whose declared exposure matches its criteria. */
public enum Audience {
    ALL, EXPOSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Audience fromCode(String code) {
        for (Audience a : values()) {
            if (a.code().equals(code == null ? null : code.strip().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new InvalidInputException("audience", "must be all or exposed, not '" + InvalidInputException.preview(code)
                + "'");
    }
}
