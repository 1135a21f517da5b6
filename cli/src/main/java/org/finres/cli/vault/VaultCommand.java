package org.finres.cli.vault;

import picocli.CommandLine.Command;

@Command(name = "vault",
        description = {"The data safe harbour: encrypted, deduplicated, immutable snapshots of an institution's core "
                + "account data, restorable by its designated restoring institution under M-of-N custody.",
                "Local commands (the repository is a folder); --hub calls go to the hub's /api/v1/vault API."},
        subcommands = {InitCommand.class, ImportCommand.class, BackupCommand.class, SnapshotsCommand.class,
                VerifyCommand.class, RestoreCommand.class, PruneCommand.class, DrillCommand.class, KeysCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:usage error: unknown command, missing or invalid option, no such snapshot",
                "2:the hub refused the request (4xx): attestation, custody, restore request, drill",
                "3:the hub is unreachable or failing",
                "5:the repository is damaged: verify found problems, or a restore met damaged data (nothing restored)",
                "6:a key was refused: wrong passphrase, too few custodian approvals (the missing ones are named), a "
                        + "share or signature that does not verify",
                "7:local storage failed: unreadable or unwritable, full, in use, not a repository, target not empty, "
                        + "or a backup interrupted",
                "8:the data does not parse or add up: import input, dataset validation, drill control totals",
                "9:a snapshot of that institution and business date already exists"},
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  FINRES_VAULT_REPOSITORY     repository folder (instead of --repo)",
                "  FINRES_VAULT_PASSPHRASE     repository passphrase (instead of --passphrase-file/-env or a prompt)",
                "  FINRES_SIGNING_PASSPHRASE   passphrase of the --signing-key file",
                "  FINRES_KEY_PASSPHRASE       passphrase of a custodian --key file",
                "  FINRES_RESTORER_PASSPHRASE  passphrase of the --restorer-key file",
                "  FINRES_HUB_URL, FINRES_TOKEN  the hub and its API token (vault:write scope)"})
public final class VaultCommand {
}
