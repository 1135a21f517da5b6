package org.finres.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.finres.cli.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;

/** Parsing, help and usage errors: everything the CLI decides before it contacts a hub or starts one. */
class FinresCliTests {

    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    /** Every command path of the tree, e.g. ["admin", "users", "reset-password"]; the root is the empty path. */
    static Stream<List<String>> everyCommand() {
        CommandLine root = FinresCli.commandLine(new CliEnvironment(Map.of(), System.in),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<List<String>> paths = new ArrayList<>();
        collect(root, List.of(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            if (!(sub.getCommandSpec().userObject() instanceof HelpCommand)) {
                List<String> longer = new ArrayList<>(path);
                longer.add(name);
                collect(sub, longer, paths);
            }
        });
    }

    private static String[] with(List<String> path, String... more) {
        return Stream.concat(path.stream(), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void commandTreeHasEveryCommandOfTheFoundation() {
        assertThat(everyCommand().map(p -> String.join(" ", p))).contains(
                "demo", "serve", "audit verify",
                "admin institutions list", "admin institutions show", "admin institutions create",
                "admin institutions update", "admin institutions delete",
                "admin users list", "admin users show", "admin users create", "admin users update",
                "admin users delete", "admin users reset-password",
                "admin tokens list", "admin tokens show", "admin tokens create", "admin tokens revoke");
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandPrintsItsUsageWithHelp(List<String> path) {
        CliRun run = finres(NO_ENVIRONMENT, with(path, "--help"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Usage: " + String.join(" ", with(List.of("finres"), path.toArray(String[]::new))));
        assertThat(run.out()).contains("--help", "--version");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandPrintsTheVersion(List<String> path) {
        CliRun run = finres(NO_ENVIRONMENT, with(path, "--version"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("finres ").doesNotContain("@project.version@", "unknown")
                .contains("Java " + Runtime.version().feature());
    }

    @Test
    void helpCommandShowsTheUsageOfTheNamedSubcommand() {
        CliRun run = finres(NO_ENVIRONMENT, "admin", "help", "tokens");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: finres admin tokens").contains("revoke");
    }

    @Test
    void rootUsageListsExitCodesAndEnvironment() {
        CliRun run = finres(NO_ENVIRONMENT, "--help");

        assertThat(run.out()).contains("Exit codes:", "4    the audit trail is broken", "FINRES_TOKEN", "FINRES_DB_URL",
                "10   resilience: the drill breached a tolerance", "11   resilience: the drill was aborted",
                "12   resilience: the drill evidence does not verify", "FINRES_SIGNING_PASSPHRASE");
    }

    @Test
    void noCommandIsAUsageErrorThatShowsTheCommands() {
        CliRun run = finres(NO_ENVIRONMENT);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Usage: finres", "admin", "serve");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void groupWithoutSubcommandIsAUsageErrorThatShowsItsSubcommands() {
        CliRun run = finres(NO_ENVIRONMENT, "admin", "users");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Usage: finres admin users", "reset-password");
    }

    @Test
    void mistypedCommandIsAUsageErrorWithASuggestion() {
        CliRun run = finres(NO_ENVIRONMENT, "admin", "user", "list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Unmatched argument", "users");
    }

    @Test
    void missingRequiredOptionIsAUsageErrorNamingTheOption() {
        CliRun run = finres(NO_ENVIRONMENT, "admin", "institutions", "create", "new-bank", "--kind", "bank",
                "--size-tier", "small");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--name=NAME", "Try 'finres admin institutions create --help'");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = finres(NO_ENVIRONMENT, "admin", "tokens", "list", "--everything");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Unknown option: '--everything'");
    }

    @Test
    void missingTokenIsAUsageErrorThatSaysWhereTokensComeFrom() {
        CliRun run = finres(Map.of("FINRES_HUB_URL", "http://127.0.0.1:9"), "admin", "institutions", "list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no API token", "--token", "FINRES_TOKEN", "finres demo");
    }

    @Test
    void blankTokenVariableCountsAsNoToken() {
        CliRun run = finres(Map.of("FINRES_TOKEN", "  "), "admin", "institutions", "list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no API token");
    }

    @Test
    void tokenWithALineBreakIsAUsageError() {
        CliRun run = finres(NO_ENVIRONMENT, "admin", "institutions", "list", "--token", "frs_abc\nInjected: 1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("copy it again");
    }

    @Test
    void hubAddressThatIsNotHttpIsAUsageError() {
        CliRun run = finres(Map.of("FINRES_TOKEN", "frs_x_y"), "admin", "institutions", "list", "--hub", "ftp://hub");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("must be an http:// or https:// URL");
    }

    @Test
    void userIdThatIsNotAUuidIsAUsageError() {
        CliRun run = finres(Map.of("FINRES_TOKEN", "frs_x_y"), "admin", "users", "show", "tfb-admin");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("'tfb-admin' is not a user id");
    }

    @Test
    void updateWithoutAnyChangeIsAUsageError() {
        Map<String, String> environment = Map.of("FINRES_TOKEN", "frs_x_y", "FINRES_HUB_URL", "http://127.0.0.1:9");

        assertThat(finres(environment, "admin", "institutions", "update", "some-bank").err()).contains("nothing to change");
        CliRun users = finres(environment, "admin", "users", "update", "3f2b1c9e-0d4a-4e57-9b8e-2a6c1d7f5e10");
        assertThat(users.exitCode()).isEqualTo(1);
        assertThat(users.err()).contains("nothing to change");
    }

    @Test
    void enabledTakesTrueOrFalse() {
        CliRun run = finres(Map.of("FINRES_TOKEN", "frs_x_y"), "admin", "users", "update",
                "3f2b1c9e-0d4a-4e57-9b8e-2a6c1d7f5e10", "--enabled", "maybe");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--enabled");
    }

    @Test
    void portOutsideTheTcpRangeIsAUsageErrorBeforeAnythingStarts() {
        CliRun run = finres(NO_ENVIRONMENT, "serve", "--port", "70000");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--port must be 0 to 65535");
    }

    @Test
    void offlineVerifyRefusesHubOptions() {
        CliRun run = finres(NO_ENVIRONMENT, "audit", "verify", "--offline", "--hub", "http://localhost:8080");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--offline reads the database");
    }

    @Test
    void dataDirWithoutOfflineIsAUsageError() {
        CliRun run = finres(NO_ENVIRONMENT, "audit", "verify", "--data-dir", "/tmp");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--data-dir goes with --offline");
    }

    @Test
    void offlineVerifyOfAFolderWithoutDatabaseSaysSoInsteadOfCreatingOne(@TempDir Path empty) {
        CliRun run = finres(NO_ENVIRONMENT, "audit", "verify", "--offline", "--data-dir", empty.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("no hub database in " + empty);
        assertThat(empty).isEmptyDirectory();
    }

    @Test
    void exitStatusCodesNeverChangeMeaning() {
        assertThat(ExitStatus.values()).extracting(ExitStatus::code).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                10, 11, 12);
        assertThat(ExitStatus.values()).extracting(ExitStatus::name).containsExactly("OK", "USAGE", "REFUSED",
                "UNAVAILABLE", "AUDIT_BROKEN", "DAMAGED", "KEY_REFUSED", "STORAGE", "INVALID_DATA", "SNAPSHOT_EXISTS",
                "DRILL_FAILED", "DRILL_ABORTED", "EVIDENCE_BROKEN");
    }
}
