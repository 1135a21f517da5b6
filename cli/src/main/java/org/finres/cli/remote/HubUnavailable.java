package org.finres.cli.remote;

import java.io.PrintWriter;

import org.finres.cli.CommandFailed;
import org.finres.cli.ExitStatus;

/**
 * No usable answer from the hub: it cannot be reached, it failed (5xx), or what answered is not a FinRes hub.
 * Worth retrying later, unlike {@link HubRefused}.
 */
public final class HubUnavailable extends CommandFailed {

    private final Problem problem;

    HubUnavailable(String message, Throwable cause) {
        super(message, cause);
        this.problem = null;
    }

    HubUnavailable(Problem problem) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()), null);
        this.problem = problem;
    }

    @Override
    public ExitStatus exitStatus() {
        return ExitStatus.UNAVAILABLE;
    }

    @Override
    public void printTo(PrintWriter err) {
        if (problem != null) {
            problem.printTo(err);
        } else {
            super.printTo(err);
        }
    }
}
