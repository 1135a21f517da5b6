package org.finres.cli.vault;

import java.nio.file.Path;

import org.finres.cli.CliEnvironment;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --repo} option of every vault command that works on a repository. */
final class RepositoryOption {

    static final String VARIABLE = "FINRES_VAULT_REPOSITORY";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "The repository folder. Default: environment " + VARIABLE + ".")
    Path repo;

    Path path() {
        if (repo != null) {
            return repo;
        }
        return CliEnvironment.of(spec).variable(VARIABLE).map(Path::of).orElseThrow(() -> Secrets.usage(spec,
                "no repository: pass --repo DIR or set " + VARIABLE));
    }
}
