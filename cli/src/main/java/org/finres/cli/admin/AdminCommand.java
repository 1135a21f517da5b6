package org.finres.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(name = "admin",
        description = "Manage the institutions, users and API tokens of a running hub (needs a token with the "
                + "admin scope).",
        subcommands = {InstitutionsCommand.class, UsersCommand.class, TokensCommand.class, HelpCommand.class})
public final class AdminCommand {
}
