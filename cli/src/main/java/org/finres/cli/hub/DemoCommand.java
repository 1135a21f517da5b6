package org.finres.cli.hub;

import java.util.List;

import org.finres.cli.CliEnvironment;
import org.finres.demo.DemoPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo",
        description = {"Run the hub in the foreground with a demo sector until Ctrl-C.",
                "The first start creates seven member institutions, their users and a command-line API token, and "
                        + "prints the credentials once. The demo always uses the embedded PostgreSQL in its own data "
                        + "folder (default: ~/.finres/demo, or demo/ under FINRES_DATA_DIR), never FINRES_DB_URL, so demo data cannot mix with real data."})
public final class DemoCommand extends ForegroundHub {

    @Option(names = "--syslog-port", paramLabel = "N", defaultValue = "6514",
            description = "Port of the demo's syslog-over-TLS listener (mutual TLS with the demo's own certificates, "
                    + "made once in DIR/demo-pki); half of the simulated SOCs forward over it. 0 turns it off. "
                    + "Default: ${DEFAULT-VALUE}.")
    int syslogPort;

    @Option(names = "--drill", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the demo's failover drill once per data folder: the shipped e-banking target's primary "
                    + "is killed, the standby takes over, and the demo bank's signed evidence goes to the hub "
                    + "(--no-drill skips it). Default: on.")
    boolean drill;

    @Override
    DataFolder defaultFolder(CliEnvironment environment) {
        return new DataFolder(DataFolder.resolve(null, environment).path().resolve("demo"));
    }

    @Override
    boolean embeddedDatabase(CliEnvironment environment) {
        return true;
    }

    @Override
    List<String> arguments(CliEnvironment environment, DataFolder folder) {
        if (syslogPort < 0 || syslogPort > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--syslog-port must be 0 to 65535, not " + syslogPort);
        }
        if (syslogPort == 0) {
            return List.of("--finres.database.url=", "--finres.demo.enabled=true");
        }
        java.nio.file.Path pkiDir = folder.path().resolve("demo-pki");
        DemoPki.Material pki = DemoPki.ensure(pkiDir, DemoPki.demoInstitutions());
        return List.of("--finres.database.url=", "--finres.demo.enabled=true",
                "--finres.events.syslog.tls.port=" + syslogPort,
                "--finres.events.syslog.tls.bind-address=127.0.0.1",
                "--finres.events.syslog.tls.keystore=" + pki.serverKeystore(),
                "--finres.events.syslog.tls.keystore-password=" + pki.password(),
                "--finres.events.syslog.tls.truststore=" + pki.truststore(),
                "--finres.events.syslog.tls.truststore-password=" + pki.password(),
                "--finres.demo.simulation.syslog-port=" + syslogPort,
                "--finres.demo.simulation.pki=" + pkiDir);
    }

    @Override
    void started(org.springframework.context.ConfigurableApplicationContext context, String url, DataFolder folder,
                 java.io.PrintWriter out) {
        if (drill) {
            DemoDrill.startInBackground(context, url, folder.path(), out);
        }
    }

    @Override
    List<String> startedNotes(String url) {
        String hubVariable = url.equals("http://localhost:8080/") ? ""
                : "export FINRES_HUB_URL=" + url.substring(0, url.length() - 1) + " and ";
        return List.of("Sign in with a demo user above; for the command line, " + hubVariable
                + "export FINRES_TOKEN as printed above, then try 'finres admin institutions list'.");
    }
}
