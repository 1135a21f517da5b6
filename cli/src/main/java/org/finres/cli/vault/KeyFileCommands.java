package org.finres.cli.vault;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.HubConnection;
import org.finres.cli.remote.TextTable;
import org.finres.vault.engine.KeyInfo;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The key files of a repository (ADR 018): each wraps the same data key, so rotating the passphrase or adding an
 * escrow is adding one file and removing another, and no pack is rewritten.
 */
final class KeyFileCommands {

    private KeyFileCommands() {
    }

    @Command(name = "list",
            description = {"List the repository's key files: id, wrapping algorithm, and which one opened it.",
                    "Exit codes: 0 listed, 1 usage, 5 damaged config, 6 wrong passphrase, 7 storage failed."})
    static final class ListKeys implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        RepositoryOption repository;

        @Mixin
        PassphraseOptions passphrase;

        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            List<KeyInfo> keys;
            try (VaultRepository repo = Repositories.open(repository.path(), passphrase.wrapping(false))) {
                keys = repo.keys();
            } catch (VaultException e) {
                throw VaultFailed.of(e, "cannot list the key files of " + repository.path());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonMapper mapper = JsonMapper.builder().build();
                ArrayNode array = mapper.createArrayNode();
                keys.forEach(k -> array.addObject().put("id", k.id()).put("algorithm", k.algorithm())
                        .put("openedWith", k.openedWith()));
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            } else {
                new TextTable(List.of("ID", "ALGORITHM", "OPENED WITH"), keys.stream().map(k -> List.of(k.id(),
                        k.algorithm(), k.openedWith() ? "yes" : "")).toList()).printTo(out);
            }
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "add",
            description = {"Add a key file: a new repository passphrase (--new-passphrase-file or -env; then "
                    + "'keys remove' the old one to rotate) or an M-of-N custodian escrow (--custodian ... "
                    + "--threshold M, or --custody-from-hub INSTITUTION). The repository is opened with the current "
                    + "passphrase; the new file is checked to open before it is written.",
                    "Exit codes: 0 added, 1 usage, 3 hub unreachable (--custody-from-hub), 5 damaged config, "
                            + "6 wrong passphrase or a wrapping refused, 7 storage failed."})
    static final class AddKey implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        RepositoryOption repository;

        @Mixin
        PassphraseOptions passphrase;

        @Mixin
        HubConnection hub;

        @Mixin
        EscrowOptions escrowOptions;

        @Option(names = "--new-passphrase-file", paramLabel = "FILE",
                description = "The new passphrase, from the first line of FILE.")
        Path newPassphraseFile;

        @Option(names = "--new-passphrase-env", paramLabel = "VARIABLE",
                description = "The new passphrase, from this environment variable. Default: FINRES_VAULT_NEW_PASSPHRASE "
                        + "when set, else a prompt on the terminal.")
        String newPassphraseVariable;

        @Override
        public Integer call() {
            boolean newPassphrase = newPassphraseFile != null || newPassphraseVariable != null;
            if (newPassphrase == escrowOptions.given()) {
                throw Secrets.usage(spec, "give either a new passphrase (--new-passphrase-file or "
                        + "--new-passphrase-env) or an escrow (--custodian ... --threshold M, or --custody-from-hub)");
            }
            // Everything from outside (files, the hub) is read before the repository is touched.
            EscrowOptions.Escrow escrow = escrowOptions.escrow(hub).orElse(null);
            PassphraseKeyWrapping fresh = newPassphrase ? new PassphraseKeyWrapping(Secrets.passphrase(spec,
                    newPassphraseFile, newPassphraseVariable, "FINRES_VAULT_NEW_PASSPHRASE", "new-passphrase",
                    "new repository passphrase", true)) : null;
            PrintWriter out = spec.commandLine().getOut();
            try (VaultRepository repo = Repositories.open(repository.path(), passphrase.wrapping(false))) {
                KeyInfo added = KeyRotation.add(repo, escrow != null ? escrow.wrapping() : fresh);
                out.println("added key file " + added.id() + " (" + added.algorithm() + ") to " + repository.path());
                if (escrow != null) {
                    escrow.describe(out);
                }
            } catch (VaultException e) {
                throw VaultFailed.of(e, "no key file added to " + repository.path());
            }
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "remove",
            description = {"Remove one key file so its passphrase or escrow no longer opens the repository. Refused "
                    + "for the last key file that opens it, and for a key file under a retention lock.",
                    "Exit codes: 0 removed, 1 usage or no such key file, 5 damaged config, 6 wrong passphrase or "
                            + "the last key file, 7 storage failed or locked."})
    static final class RemoveKey implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        RepositoryOption repository;

        @Mixin
        PassphraseOptions passphrase;

        @Parameters(paramLabel = "ID", description = "The key file's id, as 'keys list' shows it.")
        String id;

        @Override
        public Integer call() {
            try (VaultRepository repo = Repositories.open(repository.path(), passphrase.wrapping(false))) {
                KeyRotation.remove(repo, id);
            } catch (VaultException e) {
                throw VaultFailed.of(e, "key file " + id + " not removed from " + repository.path());
            }
            spec.commandLine().getOut().println("removed key file " + id + " from " + repository.path());
            return ExitStatus.OK.code();
        }
    }
}
