package org.finres.resilience;

/** How a register was uploaded and how it is exported. */
public enum RegisterFormat {
    YAML, JSON;

    /** What the engine reads a text as: JSON when its first non-blank character is '{' or '[', else YAML. */
    public static RegisterFormat sniff(String source) {
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return c == '{' || c == '[' ? JSON : YAML;
            }
        }
        return YAML;
    }

    public static RegisterFormat fromParameter(String value) {
        if (value == null || value.isBlank()) {
            return YAML;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "yaml", "yml" -> YAML;
            case "json" -> JSON;
            default -> throw new org.finres.core.InvalidInputException("format", "must be yaml or json, not '"
                    + org.finres.core.InvalidInputException.preview(value) + "'");
        };
    }
}
