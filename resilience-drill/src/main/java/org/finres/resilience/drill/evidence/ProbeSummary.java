package org.finres.resilience.drill.evidence;

/** One probe over the whole drill: how often it was checked and how often it failed. */
public record ProbeSummary(String name, long checks, long failures) {

    public ProbeSummary {
        EvidenceFields.require(name != null && EvidenceFields.NAME.matcher(name).matches(), "probe name",
                "letters, digits and . _ : - (at most 100)", name);
        EvidenceFields.require(checks >= 0 && failures >= 0 && failures <= checks, "probe " + name + " counts",
                "checks >= failures >= 0", checks + "/" + failures);
    }
}
