package org.finres.cli.audit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.finres.cli.CliEnvironment;
import org.finres.cli.CommandFailed;
import org.finres.cli.ExitStatus;
import org.finres.cli.hub.DataFolder;
import org.finres.cli.hub.InProcessHub;
import org.finres.cli.remote.HubConnection;
import org.finres.cli.remote.Output;
import org.finres.core.AuditTrail;
import org.finres.core.ChainVerification;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "verify",
        description = {"Walk the whole audit trail and check every link of its hash chain.",
                "By default the running hub does it (needs a token of the hub or the regulator with the admin "
                        + "or audit:read scope). With "
                        + "--offline this command opens the database itself: the embedded PostgreSQL of the data "
                        + "folder, or FINRES_DB_URL's; use it when the hub is stopped or not trusted.",
                "Exit code 0 when intact, 4 when broken."})
final class VerifyCommand implements Callable<Integer> {

    /** The hub reads the whole chain before it answers; a large trail takes a while. */
    private static final Duration HUB_TIMEOUT = Duration.ofHours(1);

    @Spec
    CommandSpec spec;

    @Mixin
    HubConnection connection;

    @Mixin
    Output output;

    @Option(names = "--offline", description = "Read the database directly instead of asking the hub.")
    boolean offline;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "With --offline: the data folder (default: "
            + "environment FINRES_DATA_DIR, else ~/.finres).")
    Path dataDir;

    @Override
    public Integer call() {
        ChainVerification result;
        if (offline) {
            if (connection.given()) {
                throw new ParameterException(spec.commandLine(),
                        "--hub and --token are for asking a running hub; --offline reads the database instead");
            }
            result = verifyDatabase();
            if (output.json()) {
                output.raw(JsonMapper.builder().build().valueToTree(result));
            }
        } else {
            if (dataDir != null) {
                throw new ParameterException(spec.commandLine(), "--data-dir goes with --offline; without it the "
                        + "running hub verifies its own database");
            }
            JsonNode answer = connection.client().post("/api/v1/audit/verify", null, HUB_TIMEOUT);
            if (output.json()) {
                output.raw(answer);
            }
            result = new ChainVerification(answer.path("intact").asBoolean(false),
                    answer.path("recordsChecked").asLong(0), answer.path("headSeq").asLong(0),
                    answer.path("firstBrokenSeq").isNumber() ? answer.path("firstBrokenSeq").asLong() : null,
                    answer.path("problem").isString() ? answer.path("problem").stringValue() : null);
        }
        if (result.intact()) {
            output.line("audit trail intact: " + result.recordsChecked() + " records");
            return ExitStatus.OK.code();
        }
        output.line("audit trail BROKEN at record " + result.firstBrokenSeq() + ": " + result.problem());
        return ExitStatus.AUDIT_BROKEN.code();
    }

    private ChainVerification verifyDatabase() {
        CliEnvironment environment = CliEnvironment.of(spec);
        boolean embedded = environment.variable("FINRES_DB_URL").isEmpty();
        DataFolder folder = DataFolder.resolve(dataDir, environment);
        if (embedded && !folder.hasDatabase()) {
            throw new NoDatabase(folder);
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.main.web-application-type=none",
                // A check must not change what it checks: no schema migration, no first-start tenants.
                "--spring.flyway.enabled=false",
                "--finres.bootstrap.enabled=false",
                "--spring.main.log-startup-info=false",
                // Only this command's own lines belong on the console; a failure is still logged as an error.
                "--logging.level.root=WARN",
                "--finres.database.data-dir=" + folder.path(),
                "--finres.database.url=" + environment.variable("FINRES_DB_URL").orElse("")));
        PrintWriter err = spec.commandLine().getErr();
        try (DataFolder.Lock lock = embedded ? folder.lock("finres audit verify --offline") : null;
             ConfigurableApplicationContext context = InProcessHub.start(arguments)) {
            err.print("verifying the audit trail...");
            err.flush();
            ChainVerification result = context.getBean(AuditTrail.class).verifyChain(checked -> {
                err.print("\rverifying the audit trail: " + checked + " records checked");
                err.flush();
            });
            err.println();
            err.flush();
            return result;
        }
    }

    /** Offline verification pointed at a folder without a database: almost always a wrong --data-dir. */
    static final class NoDatabase extends CommandFailed {
        NoDatabase(DataFolder folder) {
            super("no hub database in " + folder + " (no postgres folder there); give the hub's data folder with "
                    + "--data-dir, or set FINRES_DB_URL for an external database", null);
        }

        @Override
        public ExitStatus exitStatus() {
            return ExitStatus.UNAVAILABLE;
        }
    }
}
