package org.finres.cli.resilience;

import org.finres.cli.CommandFailed;
import org.finres.cli.ExitStatus;

/** A resilience command failed for a reason the user can act on; the exit status tells a script which. */
final class DrillFailed extends CommandFailed {

    private final ExitStatus status;

    DrillFailed(ExitStatus status, String message) {
        super(message, null);
        this.status = status;
    }

    @Override
    public ExitStatus exitStatus() {
        return status;
    }
}
