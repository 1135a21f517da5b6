package org.finres.credit;

import java.util.List;

/** A scoring rules file that cannot be used, with every problem found, each naming its line. */
public class ScoringRulesException extends RuntimeException {

    private final List<String> problems;

    public ScoringRulesException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
