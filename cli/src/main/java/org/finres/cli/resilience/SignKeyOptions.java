package org.finres.cli.resilience;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.finres.cli.CliEnvironment;
import org.finres.cli.ExitStatus;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.signing.SigningKeyPair;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The institution's signing key (the one it registered at the hub for vault attestations, from
 * {@code finres vault keys generate --signing}) and where its passphrase comes from: a file, an environment
 * variable or a prompt, never an argument.
 */
final class SignKeyOptions {

    static final String VARIABLE = "FINRES_SIGNING_PASSPHRASE";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--sign-key", paramLabel = "FILE", required = true,
            description = "Private signing key file that signs the evidence.")
    Path file;

    @Option(names = "--sign-passphrase-file", paramLabel = "FILE",
            description = "Read the signing key's passphrase from the first line of FILE.")
    Path passphraseFile;

    @Option(names = "--sign-passphrase-env", paramLabel = "VARIABLE",
            description = "Read the signing key's passphrase from this environment variable. Default: " + VARIABLE
                    + " when set, else a prompt.")
    String passphraseVariable;

    SigningKeyPair open() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DrillFailed(ExitStatus.STORAGE, "cannot read the signing key file " + file + ": " + e);
        }
        char[] passphrase = passphrase();
        try {
            return SigningKeyPair.decrypt(bytes, passphrase);
        } catch (VaultException e) {
            throw new DrillFailed(ExitStatus.KEY_REFUSED, "cannot open the signing key " + file + ": "
                    + e.getMessage());
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    private char[] passphrase() {
        CliEnvironment environment = CliEnvironment.of(spec);
        if (passphraseFile != null && passphraseVariable != null) {
            throw usage("--sign-passphrase-file and --sign-passphrase-env both name the passphrase; give one");
        }
        String secret;
        if (passphraseFile != null) {
            try {
                String text = Files.readString(passphraseFile, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                secret = (end < 0 ? text : text.substring(0, end)).replaceAll("\r$", "");
            } catch (IOException e) {
                throw usage("cannot read the passphrase file " + passphraseFile + ": " + e.getMessage());
            }
        } else if (passphraseVariable != null) {
            secret = environment.variable(passphraseVariable).orElseThrow(() -> usage("the environment variable "
                    + passphraseVariable + " (--sign-passphrase-env) is not set or empty"));
        } else if (environment.variable(VARIABLE).isPresent()) {
            secret = environment.variable(VARIABLE).get();
        } else {
            Console console = System.console();
            if (console == null) {
                throw usage("no signing key passphrase: pass --sign-passphrase-file FILE or --sign-passphrase-env "
                        + "VARIABLE, set " + VARIABLE + ", or run on a terminal to be asked");
            }
            char[] typed = console.readPassword("Signing key passphrase: ");
            return typed == null ? new char[0] : typed;
        }
        if (secret.isEmpty()) {
            throw usage("the signing key passphrase is empty");
        }
        return secret.toCharArray();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
