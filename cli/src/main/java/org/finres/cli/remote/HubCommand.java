package org.finres.cli.remote;

import java.util.concurrent.Callable;

import org.finres.cli.ExitStatus;
import picocli.CommandLine.Mixin;

/** A command that makes calls to a running hub and shows the result as text or JSON. */
public abstract class HubCommand implements Callable<Integer> {

    @Mixin
    private HubConnection connection;

    @Mixin
    private Output output;

    @Override
    public final Integer call() {
        return run(connection.client(), output).code();
    }

    /** Does the work; a refusal or an unreachable hub is thrown ({@link HubRefused}, {@link HubUnavailable}). */
    protected abstract ExitStatus run(HubClient hub, Output output);
}
