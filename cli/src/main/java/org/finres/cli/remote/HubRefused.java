package org.finres.cli.remote;

import java.io.PrintWriter;

import org.finres.cli.CommandFailed;
import org.finres.cli.ExitStatus;

/** The hub answered 4xx: the request was understood and refused, so repeating it unchanged will not help. */
public final class HubRefused extends CommandFailed {

    private final Problem problem;

    HubRefused(Problem problem) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()), null);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    @Override
    public ExitStatus exitStatus() {
        return ExitStatus.REFUSED;
    }

    @Override
    public void printTo(PrintWriter err) {
        problem.printTo(err);
    }
}
