package org.finres.resilience.drill.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan that cannot be run, with every problem found and its line; the only exception the reader throws. */
public final class PlanFormatException extends RuntimeException {

    private final List<PlanProblem> problems;

    public PlanFormatException(List<PlanProblem> problems) {
        super(problems.stream().map(PlanProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public PlanFormatException(PlanProblem problem) {
        this(List.of(problem));
    }

    public List<PlanProblem> problems() {
        return problems;
    }
}
