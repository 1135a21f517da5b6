package org.finres.detection;

/** A rule file as uploaded: its name (for error messages) and its YAML, which may hold several documents. */
public record RuleFile(String name, String text) {

    public RuleFile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a rule file needs a name");
        }
        if (text == null) {
            throw new IllegalArgumentException("a rule file needs its text");
        }
    }
}
