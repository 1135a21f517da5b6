package org.finres.cli;

import java.io.PrintWriter;

/**
 * A failure the user can act on, reported as a message on stderr and an {@link ExitStatus} rather than a stack
 * trace. Anything else that escapes a command is a bug and is reported as such.
 */
public abstract class CommandFailed extends RuntimeException {

    protected CommandFailed(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract ExitStatus exitStatus();

    /** Writes what went wrong and, where there is one, what to do about it. */
    public void printTo(PrintWriter err) {
        err.println("finres: " + getMessage());
    }
}
