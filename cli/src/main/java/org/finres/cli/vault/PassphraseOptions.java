package org.finres.cli.vault;

import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the repository passphrase (the institution's own key) comes from. */
final class PassphraseOptions {

    static final String VARIABLE = "FINRES_VAULT_PASSPHRASE";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Read the repository passphrase from the first line of FILE.")
    Path file;

    @Option(names = "--passphrase-env", paramLabel = "VARIABLE",
            description = "Read the repository passphrase from this environment variable. Default: " + VARIABLE
                    + " when set, else a prompt on the terminal.")
    String variable;

    boolean given() {
        return file != null || variable != null;
    }

    char[] read(boolean fresh) {
        return Secrets.passphrase(spec, file, variable, VARIABLE, "passphrase", "repository passphrase", fresh);
    }

    PassphraseKeyWrapping wrapping(boolean fresh) {
        return new PassphraseKeyWrapping(read(fresh));
    }
}
