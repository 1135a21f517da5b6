package org.finres.cli.vault;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.finres.cli.remote.HubConnection;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.custody.CustodianKeyPair;
import org.finres.vault.engine.custody.ReleasedShare;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Opening a repository as its restoring institution: the restorer's custodian private key and the released shares
 * of M custodians, from files or from an approved restore request at the hub.
 */
final class RestorerOptions {

    static final String VARIABLE = "FINRES_RESTORER_PASSPHRASE";
    private static final byte[] SHARE_MAGIC = {'F', 'R', 'R', 'S', 1};

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--restorer-key", paramLabel = "FILE",
            description = "Restore as the restoring institution with this custodian private key file (instead of "
                    + "the repository passphrase).")
    Path key;

    @Option(names = "--restorer-passphrase-file", paramLabel = "FILE",
            description = "Read the restorer key's passphrase from the first line of FILE.")
    Path passphraseFile;

    @Option(names = "--restorer-passphrase-env", paramLabel = "VARIABLE",
            description = "Read the restorer key's passphrase from this environment variable. Default: " + VARIABLE
                    + " when set, else a prompt.")
    String passphraseVariable;

    @Option(names = "--share", paramLabel = "FILE",
            description = "A released share (from 'finres vault keys release'); repeat for each custodian.")
    List<Path> shares = new ArrayList<>();

    @Option(names = "--restore-request", paramLabel = "ID",
            description = "Fetch the released shares of this approved restore request from the hub "
                    + "(GET /api/v1/vault/restore-requests/ID/shares).")
    String restoreRequest;

    boolean given() {
        return key != null || !shares.isEmpty() || restoreRequest != null;
    }

    /** The restorer's key and shares; a command with both --restorer-key and a passphrase option is refused. */
    Access access(HubConnection hub) {
        if (key == null) {
            throw Secrets.usage(spec, "--share and --restore-request need --restorer-key FILE (the restoring "
                    + "institution's custodian private key)");
        }
        if (shares.isEmpty() && restoreRequest == null) {
            throw Secrets.usage(spec, "--restorer-key needs the released shares: --share FILE (repeated) or "
                    + "--restore-request ID");
        }
        List<ReleasedShare> released = new ArrayList<>();
        for (Path file : shares) {
            byte[] bytes = KeyFiles.readEncoded(file, SHARE_MAGIC, "released share file");
            try {
                released.add(ReleasedShare.decode(bytes));
            } catch (VaultException e) {
                throw VaultFailed.of(e, "the released share file " + file + " is not a released share");
            }
        }
        if (restoreRequest != null) {
            released.addAll(new VaultHub(hub.client()).shares(restoreRequest));
        }
        byte[] file = KeyFiles.read(key, "restorer key file");
        char[] passphrase = Secrets.passphrase(spec, passphraseFile, passphraseVariable, VARIABLE,
                "restorer-passphrase", "restorer key passphrase", false);
        CustodianKeyPair restorer;
        try {
            restorer = CustodianKeyPair.decrypt(file, passphrase);
        } catch (VaultException e) {
            throw VaultFailed.of(e, "cannot open the restorer key " + key);
        }
        return new Access(restorer, released);
    }

    record Access(CustodianKeyPair restorer, List<ReleasedShare> shares) {
    }
}
