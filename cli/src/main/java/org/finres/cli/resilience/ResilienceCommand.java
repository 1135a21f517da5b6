package org.finres.cli.resilience;

import picocli.CommandLine.Command;

@Command(name = "resilience",
        description = {"Operational resilience: the institution's register at the hub (import, export, sweep), "
                + "failover drills that really fail things over, with signed evidence, and the e-banking exercise "
                + "target FinRes ships."},
        subcommands = {RegisterCommand.class, DrillCommand.class, TargetCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success: the drill passed, the evidence verifies, the target ran",
                "1:usage error: unknown command, missing or invalid option",
                "2:the hub refused the evidence (4xx); its problem detail is printed",
                "3:the hub is unreachable or failing, or the target could not be started",
                "6:the signing key was refused (wrong passphrase, not a signing key)",
                "7:a file could not be read or written",
                "8:the drill plan does not parse (every problem is printed with its line)",
                "10:the drill ran and breached a tolerance (or lost an acknowledged transfer)",
                "11:the drill was aborted: steady state did not hold, an abort condition fired, or interrupted",
                "12:the evidence does not verify: broken timeline link, wrong signer, bad signature, malformed"},
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  FINRES_SIGNING_PASSPHRASE  passphrase of the --sign-key file",
                "  FINRES_HUB_URL, FINRES_TOKEN  the hub and its API token, to submit evidence"})
public final class ResilienceCommand {
}
