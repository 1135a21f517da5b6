package org.finres.sigma.rule;

/** Where a document starts: the source (usually a file path) and the 1-based line of its first key. */
public record Origin(String source, int line) {
    public Origin {
        source = source == null ? "" : source;
    }

    @Override
    public String toString() { return line > 0 ? source + ":" + line : source; }
}
