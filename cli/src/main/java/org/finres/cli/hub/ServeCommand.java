package org.finres.cli.hub;

import java.util.List;

import org.finres.cli.CliEnvironment;
import picocli.CommandLine.Command;

@Command(name = "serve",
        description = {"Run the hub in the foreground until Ctrl-C.",
                "The data stays in the embedded PostgreSQL of the data folder (default: environment FINRES_DATA_DIR, "
                        + "else ~/.finres), or in the external PostgreSQL named by FINRES_DB_URL (with FINRES_DB_USER "
                        + "and FINRES_DB_PASSWORD)."})
public final class ServeCommand extends ForegroundHub {

    @Override
    DataFolder defaultFolder(CliEnvironment environment) {
        return DataFolder.resolve(null, environment);
    }

    @Override
    boolean embeddedDatabase(CliEnvironment environment) {
        return environment.variable("FINRES_DB_URL").isEmpty();
    }

    @Override
    List<String> arguments(CliEnvironment environment, DataFolder folder) {
        // Passed on explicitly so that the hub sees the same environment as this command (which tests replace).
        return environment.variable("FINRES_DB_URL").map(url -> List.of("--finres.database.url=" + url))
                .orElse(List.of("--finres.database.url="));
    }

    @Override
    List<String> startedNotes(String url) {
        return List.of("Sign in as 'admin' with the password printed on the first start, or reset it with "
                + "'finres admin users reset-password'.");
    }
}
