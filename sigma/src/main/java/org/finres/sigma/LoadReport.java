package org.finres.sigma;

import java.util.List;

/**
 * The outcome of loading rules: what loaded, what failed (invalid Sigma, with file, line and reason), what is valid
 * but not supported, and warnings (loaded but inactive under the pipeline, filters that do not apply, duplicates).
 */
public record LoadReport(int files, List<Loaded> loaded, List<Problem> failed, List<Problem> unsupported,
                         List<Problem> warnings) {

    public LoadReport {
        loaded = List.copyOf(loaded);
        failed = List.copyOf(failed);
        unsupported = List.copyOf(unsupported);
        warnings = List.copyOf(warnings);
    }

    /** A loaded document: kind is rule, correlation or filter; active is false when no event can reach it. */
    public record Loaded(String id, String title, String kind, String source, boolean active) {}

    /** A problem at a place in a file; {@code rule} is the document's id, name or title when known. */
    public record Problem(String source, int line, int column, String rule, String reason) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(source);
            if (line > 0) b.append(':').append(line);
            if (column > 0) b.append(':').append(column);
            if (rule != null) b.append(" [").append(rule).append(']');
            return b.append(": ").append(reason).toString();
        }
    }

    public String summary() {
        long rules = loaded.stream().filter(l -> l.kind().equals("rule")).count();
        long inactive = loaded.stream().filter(l -> !l.active()).count();
        return files + " files: " + loaded.size() + " documents loaded (" + rules + " rules, " + inactive
                + " inactive under the pipeline), " + failed.size() + " failed, " + unsupported.size() + " unsupported, "
                + warnings.size() + " warnings";
    }
}
