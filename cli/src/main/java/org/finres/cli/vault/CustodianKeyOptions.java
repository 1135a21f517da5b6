package org.finres.cli.vault;

import java.nio.file.Path;

import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.custody.CustodianKeyPair;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A custodian's private key (the restorer's, or a custodian releasing its share) and its passphrase. */
final class CustodianKeyOptions {

    static final String VARIABLE = "FINRES_KEY_PASSPHRASE";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--key", paramLabel = "FILE",
            description = "Private custodian key file (from 'finres vault keys generate --custodian').")
    Path file;

    @Option(names = "--key-passphrase-file", paramLabel = "FILE",
            description = "Read the custodian key's passphrase from the first line of FILE.")
    Path passphraseFile;

    @Option(names = "--key-passphrase-env", paramLabel = "VARIABLE",
            description = "Read the custodian key's passphrase from this environment variable. Default: " + VARIABLE
                    + " when set, else a prompt.")
    String passphraseVariable;

    boolean given() {
        return file != null;
    }

    CustodianKeyPair open() {
        if (file == null) {
            throw Secrets.usage(spec, "no custodian key: pass --key FILE");
        }
        byte[] bytes = KeyFiles.read(file, "custodian key file");
        char[] passphrase = Secrets.passphrase(spec, passphraseFile, passphraseVariable, VARIABLE, "key-passphrase",
                "custodian key passphrase", false);
        try {
            return CustodianKeyPair.decrypt(bytes, passphrase);
        } catch (VaultException e) {
            throw VaultFailed.of(e, "cannot open the custodian key " + file);
        }
    }
}
