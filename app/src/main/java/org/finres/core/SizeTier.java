package org.finres.core;

/** A member institution's size tier, which scales what the blueprint expects of it. */
public enum SizeTier {
    LARGE, MEDIUM, SMALL;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SizeTier fromCode(String code) {
        for (SizeTier tier : values()) {
            if (tier.code().equals(code) || tier.name().equals(code)) {
                return tier;
            }
        }
        throw new InvalidInputException("sizeTier", "unknown size tier '" + InvalidInputException.preview(code)
                + "'; expected large, medium or small", "sizeTier.unknown", InvalidInputException.preview(code));
    }
}
