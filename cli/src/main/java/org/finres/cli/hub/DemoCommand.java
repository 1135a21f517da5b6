package org.finres.cli.hub;

import java.util.List;

import org.finres.cli.CliEnvironment;
import picocli.CommandLine.Command;

@Command(name = "demo",
        description = {"Run the hub in the foreground with a demo sector until Ctrl-C.",
                "The first start creates seven member institutions, their users and a command-line API token, and "
                        + "prints the credentials once. The demo always uses the embedded PostgreSQL in its own data "
                        + "folder (default: ~/.finres/demo, or demo/ under FINRES_DATA_DIR), never FINRES_DB_URL, so demo data cannot mix with real data."})
public final class DemoCommand extends ForegroundHub {

    @Override
    DataFolder defaultFolder(CliEnvironment environment) {
        return new DataFolder(DataFolder.resolve(null, environment).path().resolve("demo"));
    }

    @Override
    boolean embeddedDatabase(CliEnvironment environment) {
        return true;
    }

    @Override
    List<String> arguments(CliEnvironment environment) {
        return List.of("--finres.database.url=", "--finres.demo.enabled=true");
    }

    @Override
    List<String> startedNotes(String url) {
        String hubVariable = url.equals("http://localhost:8080/") ? ""
                : "export FINRES_HUB_URL=" + url.substring(0, url.length() - 1) + " and ";
        return List.of("Sign in with a demo user above; for the command line, " + hubVariable
                + "export FINRES_TOKEN as printed above, then try 'finres admin institutions list'.");
    }
}
