package org.finres.cli.sigma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.finres.sigma.mapping.Pipeline;
import org.finres.sigma.rule.SigmaRuleException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The field-mapping pipeline option shared by check and scan, and the existence check of the paths they name. */
public final class RuleOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Field-mapping pipeline (YAML, see the sigma module's README); 'windows' (default) for the "
                    + "built-in Windows pipeline, 'none' to apply every rule to every event with fields as named.")
    private String mapping;

    Pipeline pipeline() {
        if (mapping == null || mapping.equals("windows")) {
            return Pipeline.windows();
        }
        if (mapping.equals("none")) {
            return Pipeline.none();
        }
        Path file = Path.of(mapping);
        try {
            return Pipeline.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw usage("cannot read the mapping " + mapping + ": " + e.getMessage());
        } catch (SigmaRuleException e) {
            throw usage("the mapping " + mapping + " is invalid: " + e.getMessage());
        }
    }

    /** Every path must exist: a typo would otherwise look like "no rules" or "no events". */
    void requireExisting(List<Path> paths, String what) {
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw usage("no such " + what + " file or folder: " + path);
            }
        }
    }

    ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
