package org.finres.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command may read from its surroundings besides its arguments. Commands read environment variables and
 * stdin only through this, so tests run them with a known environment instead of the real one.
 *
 * @param variables environment variables
 * @param stdin     where {@code --password-stdin} and the like read from
 */
public record CliEnvironment(Map<String, String> variables, InputStream stdin) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    public static CliEnvironment ofProcess() {
        return new CliEnvironment(System.getenv(), System.in);
    }

    /** A variable's value; a blank value counts as unset, as {@code FINRES_TOKEN= finres ...} means "none". */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /** The environment of the {@code finres} invocation that the given (sub)command belongs to. */
    public static CliEnvironment of(CommandSpec command) {
        return ((FinresCli) command.root().userObject()).environment();
    }
}
