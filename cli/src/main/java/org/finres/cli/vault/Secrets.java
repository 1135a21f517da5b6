package org.finres.cli.vault;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.finres.cli.CliEnvironment;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where a passphrase comes from: a file, an environment variable, or a prompt on the terminal; never an argument,
 * which would show in the process list and the shell history.
 */
final class Secrets {

    /** New passphrases shorter than this are refused: Argon2id slows guessing, it cannot make "bank" strong. */
    static final int MIN_NEW_LENGTH = 12;

    private Secrets() {
    }

    /**
     * @param file        {@code --...-passphrase-file}, or null
     * @param variable    {@code --...-passphrase-env}, or null
     * @param defaultVariable read when neither is given and it is set
     * @param what        what the passphrase is for, as the messages and the prompt name it
     * @param fresh       a new passphrase: asked twice at a prompt, and refused when too short
     */
    static char[] passphrase(CommandSpec spec, Path file, String variable, String defaultVariable, String optionPrefix,
                             String what, boolean fresh) {
        CliEnvironment environment = CliEnvironment.of(spec);
        char[] secret;
        if (file != null && variable != null) {
            throw usage(spec, "--" + optionPrefix + "-file and --" + optionPrefix + "-env both name the " + what
                    + "; give one");
        }
        if (file != null) {
            secret = fromFile(spec, file, what);
        } else if (variable != null) {
            secret = environment.variable(variable).map(String::toCharArray).orElseThrow(() -> usage(spec,
                    "the environment variable " + variable + " (--" + optionPrefix + "-env) is not set or empty"));
        } else if (environment.variable(defaultVariable).isPresent()) {
            secret = environment.variable(defaultVariable).get().toCharArray();
        } else {
            secret = prompt(spec, optionPrefix, defaultVariable, what, fresh);
        }
        if (secret.length == 0) {
            throw usage(spec, "the " + what + " is empty");
        }
        if (fresh && secret.length < MIN_NEW_LENGTH) {
            throw usage(spec, "the new " + what + " has " + secret.length + " characters; use at least "
                    + MIN_NEW_LENGTH);
        }
        return secret;
    }

    private static char[] fromFile(CommandSpec spec, Path file, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw usage(spec, "cannot read the " + what + " file " + file + ": " + VaultFailed.describe(e));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        Arrays.fill(bytes, (byte) 0);
        // The first line: a trailing newline from an editor or `echo` is not part of the passphrase.
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.toCharArray();
    }

    private static char[] prompt(CommandSpec spec, String optionPrefix, String defaultVariable, String what,
                                 boolean fresh) {
        Console console = System.console();
        if (console == null || !terminal(console)) {
            throw usage(spec, "no " + what + ": pass --" + optionPrefix + "-file FILE or --" + optionPrefix
                    + "-env VARIABLE, set " + defaultVariable + ", or run on a terminal to be asked");
        }
        char[] first = console.readPassword("%s: ", capitalised(what));
        if (first == null) {
            throw usage(spec, "no " + what + " entered");
        }
        if (fresh) {
            char[] again = console.readPassword("%s again: ", capitalised(what));
            if (again == null || !Arrays.equals(first, again)) {
                throw usage(spec, "the two " + what + "s differ");
            }
        }
        return first;
    }

    /** On Java 22+ a console may exist without a terminal; Console.isTerminal() says (called reflectively, release 21). */
    private static boolean terminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException java21) {
            return true;
        }
    }

    private static String capitalised(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }

    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
