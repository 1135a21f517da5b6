package org.finres.cli.events;

import org.finres.cli.CommandFailed;
import org.finres.cli.ExitStatus;

/**
 * The run stopped: the hub refused a batch in a way resending will not fix ({@link ExitStatus#REFUSED}), or it
 * stayed unreachable or failing through every retry ({@link ExitStatus#UNAVAILABLE}). What was acknowledged
 * before is in the state file, so a rerun continues from there.
 */
final class IntakeFailed extends CommandFailed {

    private final ExitStatus status;

    IntakeFailed(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    @Override
    public ExitStatus exitStatus() {
        return status;
    }
}
