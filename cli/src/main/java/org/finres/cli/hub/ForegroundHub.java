package org.finres.cli.hub;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.finres.cli.CliEnvironment;
import org.finres.cli.ExitStatus;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the hub with its web server in the foreground until it is stopped. Ctrl-C and SIGTERM go through the JVM's
 * shutdown hook, in which Spring closes the context gracefully; interrupting the thread does the same from
 * inside the JVM (tests). Either way the command returns only once the context, and with it the embedded
 * PostgreSQL, has been closed.
 */
abstract class ForegroundHub implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder, with the embedded PostgreSQL under DIR/postgres.")
    Path dataDir;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default: environment FINRES_PORT, else "
            + "8080; 0 picks a free one).")
    Integer port;

    /** The data folder when --data-dir is not given. */
    abstract DataFolder defaultFolder(CliEnvironment environment);

    /** Whether the hub keeps its data in the embedded PostgreSQL of the data folder (else FINRES_DB_URL's). */
    abstract boolean embeddedDatabase(CliEnvironment environment);

    /** Spring Boot arguments particular to this command, for the data folder it runs on. */
    abstract List<String> arguments(CliEnvironment environment, DataFolder folder);

    /** Printed once the hub is up, after its address. */
    abstract List<String> startedNotes(String url);

    /** What to start beside the hub once it serves (the demo's failover drill); nothing by default. */
    void started(ConfigurableApplicationContext context, String url, DataFolder folder, PrintWriter out) {
    }

    @Override
    public Integer call() {
        if (port != null && (port < 0 || port > 65535)) {
            throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535, not " + port);
        }
        CliEnvironment environment = CliEnvironment.of(spec);
        DataFolder folder = dataDir != null ? new DataFolder(dataDir) : defaultFolder(environment);
        boolean embedded = embeddedDatabase(environment);
        List<String> arguments = new ArrayList<>(arguments(environment, folder));
        arguments.add("--finres.database.data-dir=" + folder.path());
        if (port != null) {
            arguments.add("--server.port=" + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        // Several hubs may share an external database (that is how it scales out); an embedded one is this hub's alone.
        try (DataFolder.Lock lock = embedded ? folder.lock("finres " + spec.name()) : null) {
            ConfigurableApplicationContext context = InProcessHub.start(arguments);
            CountDownLatch closing = new CountDownLatch(1);
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> closing.countDown());
            if (!context.isActive()) {
                closing.countDown(); // closed before the listener was in place
            }
            String url = url(context);
            out.println();
            out.println("FinRes hub running at " + url + "  (data: " + (embedded ? folder : "FINRES_DB_URL")
                    + "; Ctrl-C stops it)");
            startedNotes(url).forEach(out::println);
            out.flush();
            started(context, url, folder, out);
            boolean interrupted = false;
            try {
                closing.await();
            } catch (InterruptedException e) {
                interrupted = true;
                out.println("Stopping the FinRes hub...");
                out.flush();
            }
            // When the shutdown hook is closing the context, this waits for it to finish rather than closing twice.
            context.close();
            out.println("FinRes hub stopped.");
            out.flush();
            if (interrupted) {
                Thread.currentThread().interrupt(); // handled by stopping, but the caller may still want to know
            }
            return ExitStatus.OK.code();
        }
    }

    private static String url(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port",
                context.getEnvironment().getProperty("server.port", "8080"));
        String address = context.getEnvironment().getProperty("server.address", "");
        String host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "localhost"
                : address.contains(":") ? "[" + address + "]" : address;
        return "http://" + host + ":" + port + "/";
    }
}
