package org.finres.sigma.rule;

/** Every value modifier of the modifiers appendix (Sigma 2.1), including the regular-expression sub-modifiers. */
public enum Modifier {
    CONTAINS("contains"), STARTSWITH("startswith"), ENDSWITH("endswith"), ALL("all"), EXISTS("exists"),
    CASED("cased"), NEQ("neq"), WINDASH("windash"), RE("re"), RE_I("i"), RE_M("m"), RE_S("s"),
    BASE64("base64"), BASE64OFFSET("base64offset"), UTF16LE("utf16le"), UTF16BE("utf16be"), UTF16("utf16"),
    WIDE("wide"), LT("lt"), LTE("lte"), GT("gt"), GTE("gte"), MINUTE("minute"), HOUR("hour"), DAY("day"),
    WEEK("week"), MONTH("month"), YEAR("year"), CIDR("cidr"), EXPAND("expand"), FIELDREF("fieldref");

    private final String token;

    Modifier(String token) { this.token = token; }

    public String token() { return token; }

    /** Modifier tokens are lower case in the specification; returns null for an unknown token. */
    public static Modifier fromToken(String token) {
        for (Modifier m : values()) if (m.token.equals(token)) return m;
        return null;
    }

    public boolean isComparison() { return this == LT || this == LTE || this == GT || this == GTE; }

    public boolean isTimePart() {
        return this == MINUTE || this == HOUR || this == DAY || this == WEEK || this == MONTH || this == YEAR;
    }

    public boolean isRegexFlag() { return this == RE_I || this == RE_M || this == RE_S; }
}
