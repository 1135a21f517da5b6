package org.finres.resilience;

import java.util.List;

import org.finres.resilience.engine.RegisterProblem;

/** An uploaded register the engine refuses, with every problem it found, each naming its line and element (a 400). */
public class RegisterRejectedException extends RuntimeException {

    private final transient List<RegisterProblem> problems;

    public RegisterRejectedException(List<RegisterProblem> problems) {
        super(problems.size() == 1 ? "1 problem in the register: " + problems.getFirst()
                : problems.size() + " problems in the register; the first: " + problems.getFirst());
        this.problems = List.copyOf(problems);
    }

    public List<RegisterProblem> problems() {
        return problems;
    }
}
