package org.finres.cli.audit;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(name = "audit", description = "The hub's append-only, hash-chained audit trail.",
        subcommands = {VerifyCommand.class, HelpCommand.class})
public final class AuditCommand {
}
