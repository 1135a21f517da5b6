package org.finres.cli.events;

import picocli.CommandLine.Command;

@Command(name = "events",
        description = "Send security events to the hub's intake (POST /api/v1/events).",
        subcommands = SendCommand.class)
public final class EventsCommand {
}
