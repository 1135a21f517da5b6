package org.finres.cli.sigma;

import picocli.CommandLine.Command;

@Command(name = "sigma",
        description = "Check Sigma rules and scan event files with them, locally (no hub).",
        subcommands = {CheckCommand.class, ScanCommand.class})
public final class SigmaCommand {
}
