package org.finres.cli.vault;

import java.nio.file.Path;

import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.signing.SigningKeyPair;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The institution's attestation signing key: its private key file and where that file's passphrase comes from. */
final class SigningKeyOptions {

    static final String VARIABLE = "FINRES_SIGNING_PASSPHRASE";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--signing-key", paramLabel = "FILE",
            description = "Private signing key file (from 'finres vault keys generate --signing').")
    Path file;

    @Option(names = "--signing-passphrase-file", paramLabel = "FILE",
            description = "Read the signing key's passphrase from the first line of FILE.")
    Path passphraseFile;

    @Option(names = "--signing-passphrase-env", paramLabel = "VARIABLE",
            description = "Read the signing key's passphrase from this environment variable. Default: " + VARIABLE
                    + " when set, else a prompt.")
    String passphraseVariable;

    boolean given() {
        return file != null;
    }

    SigningKeyPair open() {
        if (file == null) {
            throw Secrets.usage(spec, "no signing key: pass --signing-key FILE");
        }
        byte[] bytes = KeyFiles.read(file, "signing key file");
        char[] passphrase = Secrets.passphrase(spec, passphraseFile, passphraseVariable, VARIABLE,
                "signing-passphrase", "signing key passphrase", false);
        try {
            return SigningKeyPair.decrypt(bytes, passphrase);
        } catch (VaultException e) {
            throw VaultFailed.of(e, "cannot open the signing key " + file);
        }
    }
}
