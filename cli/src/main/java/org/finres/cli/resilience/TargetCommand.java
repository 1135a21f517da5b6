package org.finres.cli.resilience;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.finres.cli.CliEnvironment;
import org.finres.cli.ExitStatus;
import org.finres.cli.FinresCli;
import org.finres.resilience.drill.ShippedDrill;
import org.finres.resilience.drill.ebanking.EbankingProcess;
import org.finres.resilience.drill.ebanking.ShippedTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(name = "target",
        description = "The e-banking exercise target FinRes ships: a front router, a primary and a synchronously "
                + "replicated standby on loopback, each its own process.",
        subcommands = {TargetCommand.Start.class, TargetCommand.Process.class})
public final class TargetCommand {

    /** The hidden entry point's name: {@code finres resilience target process node|router ...}. */
    static final String PROCESS = "process";

    @Command(name = "start",
            description = {"Start the target (router, primary, standby as child processes) in a fresh folder state, "
                    + "print their pids and ports, and run until Ctrl-C.",
                    "Drill it with: finres resilience drill plan --example > plan.yml; finres resilience drill run "
                            + "plan.yml --sign-key KEY"})
    static final class Start implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", description = "The target's folder (journals, logs, "
                + "primary.pid). Default: $FINRES_DATA_DIR/ebanking-target, else ~/.finres/ebanking-target.")
        Path dir;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ShippedTarget.DEFAULT_FRONT_PORT,
                description = "The front router's port. Default: ${DEFAULT-VALUE}.")
        int port;

        @Override
        public Integer call() {
            if (port < 1 || port > 65_535) {
                throw new ParameterException(spec.commandLine(), "--port is 1 to 65535, not " + port);
            }
            Path folder = targetDir(spec, dir);
            PrintWriter out = spec.commandLine().getOut();
            ShippedTarget target;
            try {
                target = ShippedTarget.start(folder, port, launcher(), ShippedDrill.PROMOTE_AFTER,
                        Duration.ofSeconds(90));
            } catch (RuntimeException e) {
                throw new DrillFailed(ExitStatus.UNAVAILABLE, "the e-banking target did not start: "
                        + e.getMessage());
            }
            Thread stop = new Thread(target::close);
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                var pids = target.pids();
                out.println("e-banking target running in " + folder);
                out.println("  front    " + target.front() + "  (router pid " + pids.get("router") + ")");
                out.println("  primary  " + target.node("a") + "  (node a pid " + pids.get("a") + ")");
                out.println("  standby  " + target.node("b") + "  (node b pid " + pids.get("b") + ")");
                out.println("  current primary's pid in " + folder.resolve("primary.pid"));
                out.println("Ctrl-C stops all three.");
                out.flush();
                while (target.alive("router")) {
                    Thread.sleep(500);
                }
                throw new DrillFailed(ExitStatus.UNAVAILABLE, "the target's router ended; see "
                        + folder.resolve("router.log"));
            } catch (InterruptedException e) {
                // Ctrl-C (or whoever ran us) asked to stop: ending the processes below is the normal way out.
                return ExitStatus.OK.code();
            } finally {
                target.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(stop);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs close() itself
                }
            }
        }
    }

    @Command(name = PROCESS, hidden = true,
            description = "One process of the target (started by 'target start'): node ... | router ...")
    static final class Process implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws InterruptedException {
            try {
                EbankingProcess.run(args.toArray(String[]::new));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return ExitStatus.OK.code();
        }
    }

    /**
     * How this CLI starts one target process: its own executable jar, or its class path when run from classes.
     * Public for {@code finres demo}: pass it to {@code ShippedDrill.run(dir, port, launcher, ...)}, since the
     * class-path launcher of {@code ShippedTarget} cannot reach classes nested in the executable jar.
     */
    public static List<String> launcher() {
        List<String> cmd = new ArrayList<>(ShippedTarget.jvm());
        String cp = System.getProperty("java.class.path");
        if (cp.endsWith(".jar") && !cp.contains(File.pathSeparator)) {
            cmd.addAll(List.of("-jar", cp));
        } else {
            cmd.addAll(List.of("-cp", cp, FinresCli.class.getName()));
        }
        cmd.addAll(List.of("resilience", "target", PROCESS));
        return cmd;
    }

    static Path targetDir(CommandSpec spec, Path given) {
        if (given != null) {
            return given.toAbsolutePath();
        }
        CliEnvironment environment = CliEnvironment.of(spec);
        Path base = environment.variable("FINRES_DATA_DIR").map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".finres"));
        return base.resolve("ebanking-target").toAbsolutePath();
    }
}
