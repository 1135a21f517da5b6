package org.finres.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.finres.cli.admin.AdminCommand;
import org.finres.cli.attack.AttackCommand;
import org.finres.cli.credit.CreditCommand;
import org.finres.cli.audit.AuditCommand;
import org.finres.cli.detection.AlertsCommand;
import org.finres.cli.detection.IndicatorsCommand;
import org.finres.cli.detection.RulesCommand;
import org.finres.cli.events.EventsCommand;
import org.finres.cli.hub.DemoCommand;
import org.finres.cli.hub.ServeCommand;
import org.finres.cli.intel.IntelCommand;
import org.finres.cli.resilience.ResilienceCommand;
import org.finres.cli.sigma.SigmaCommand;
import org.finres.cli.vault.VaultCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code finres} command. {@link #main} is the only place that exits the JVM; everything else, tests
 * included, goes through {@link #execute}, which returns the exit code.
 */
@Command(name = "finres",
        description = "FinRes: the financial cyber-resilience hub and its command line.",
        subcommands = {DemoCommand.class, ServeCommand.class, AdminCommand.class, AuditCommand.class, EventsCommand.class,
                RulesCommand.class, AlertsCommand.class, IndicatorsCommand.class, AttackCommand.class, IntelCommand.class,
                SigmaCommand.class, VaultCommand.class, ResilienceCommand.class, CreditCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:usage error: unknown command, missing or invalid option",
                "2:the hub refused the request: invalid input, not found, not allowed, conflict",
                "3:the hub is unreachable or failing, or could not be started",
                "4:the audit trail is broken",
                "5:vault: the repository is damaged (verify found problems, or a restore met damaged data)",
                "6:vault: a key was refused (wrong passphrase, too few custodian approvals, bad signature)",
                "7:vault: local storage failed (unreadable, unwritable, full, in use, not a repository)",
                "8:the input does not parse or add up (vault import, validation, drill totals; resilience drill plans)",
                "9:vault: a snapshot of that institution and business date already exists",
                "10:resilience: the drill breached a tolerance (or lost an acknowledged transfer)",
                "11:resilience: the drill was aborted (steady state did not hold, abort condition, interrupted)",
                "12:resilience: the drill evidence does not verify (broken link, wrong signer, bad signature)"},
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  FINRES_HUB_URL   hub of admin, audit, events, rules, alerts, indicators, attack, intel (default http://localhost:8080)",
                "  FINRES_TOKEN     API token of those commands",
                "  FINRES_DATA_DIR  data folder of serve, audit verify --offline (default ~/.finres)",
                "  FINRES_DB_URL    external PostgreSQL (JDBC URL) instead of the embedded one",
                "  FINRES_VAULT_REPOSITORY  repository folder of the vault commands (instead of --repo)",
                "  FINRES_VAULT_PASSPHRASE  the repository passphrase of the vault commands",
                "  FINRES_SIGNING_PASSPHRASE  the signing key passphrase (vault attestations, drill evidence)",
                "",
                "Run 'finres COMMAND --help' for a command's options."})
public final class FinresCli {

    private final CliEnvironment environment;

    FinresCli(CliEnvironment environment) {
        this.environment = environment;
    }

    CliEnvironment environment() {
        return environment;
    }

    public static void main(String[] args) {
        // The hub's names are Chinese and English; without this a terminal left in the POSIX locale shows "???".
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        int code = execute(CliEnvironment.ofProcess(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        out.flush();
        System.exit(code);
    }

    /** Runs one invocation of {@code finres} and returns its exit code (see {@link ExitStatus}). */
    public static int execute(CliEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
        int code = commandLine(environment, out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The whole command tree, configured as {@link #execute} runs it. */
    public static CommandLine commandLine(CliEnvironment environment, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new FinresCli(environment));
        withStandardOptions(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(FinresCli::usageError);
        cli.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command));
        return cli;
    }

    /** {@code --help}, {@code --version} and the same usage layout on every command, so none can be forgotten. */
    private static void withStandardOptions(CommandLine command) {
        if (command.getCommandSpec().userObject() instanceof HelpCommand) {
            return; // it declares its own --help
        }
        command.getCommandSpec().mixinStandardHelpOptions(true);
        command.getCommandSpec().versionProvider(new FinresVersion());
        command.getCommandSpec().exitCodeOnInvalidInput(ExitStatus.USAGE.code());
        command.getCommandSpec().usageMessage().commandListHeading("%nCommands:%n");
        command.getSubcommands().values().forEach(FinresCli::withStandardOptions);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("finres: " + e.getMessage());
        if (e.getMessage() != null && e.getMessage().startsWith("Missing required subcommand")) {
            command.usage(err);
        } else {
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        return ExitStatus.USAGE.code();
    }

    private static int failure(Exception e, CommandLine command) {
        PrintWriter err = command.getErr();
        if (e instanceof CommandFailed failed) {
            failed.printTo(err);
            return failed.exitStatus().code();
        }
        // Not a failure we anticipated: keep the stack trace, it is what a bug report needs.
        err.println("finres: unexpected error: " + e);
        e.printStackTrace(err);
        return ExitStatus.UNAVAILABLE.code();
    }
}
