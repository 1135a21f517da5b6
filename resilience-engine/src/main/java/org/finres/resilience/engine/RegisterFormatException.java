package org.finres.resilience.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A register that cannot be accepted, with every problem found (not only the first), each naming its line and
 * element. The only exception the register reader throws.
 */
public final class RegisterFormatException extends RuntimeException {

    private static final int LISTED = 50;

    private final transient List<RegisterProblem> problems;

    public RegisterFormatException(List<RegisterProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public RegisterFormatException(RegisterProblem problem) {
        this(List.of(problem));
    }

    public List<RegisterProblem> problems() {
        return problems;
    }

    private static String describe(List<RegisterProblem> problems) {
        String listed = problems.stream().limit(LISTED).map(RegisterProblem::toString)
                .collect(Collectors.joining("\n  ", "", ""));
        String more = problems.size() > LISTED ? "\n  ... and " + (problems.size() - LISTED) + " more" : "";
        return (problems.size() == 1 ? "1 problem in the register:\n  " : problems.size()
                + " problems in the register:\n  ") + listed + more;
    }
}
