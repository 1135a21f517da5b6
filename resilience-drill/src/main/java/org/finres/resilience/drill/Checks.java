package org.finres.resilience.drill;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.finres.resilience.drill.plan.DrillAction;
import org.finres.resilience.drill.plan.Probe;

/** Runs probes and actions against the real system: HTTP, TCP, JDBC and OS processes. */
final class Checks {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    CheckResult probe(Probe probe) {
        long t0 = System.nanoTime();
        try {
            CheckResult r = switch (probe) {
                case Probe.Http h -> http(h);
                case Probe.Tcp t -> tcp(t);
                case Probe.Sql s -> sql(s);
                case Probe.Command c -> {
                    CommandRun run = command(c.argv(), c.timeout());
                    yield run.exit() == c.exitCode() ? CheckResult.ok(run.detail())
                            : CheckResult.failed(run.detail() + " (expected exit code " + c.exitCode() + ")");
                }
            };
            return new CheckResult(r.ok(), r.detail() + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed("interrupted");
        }
    }

    private CheckResult http(Probe.Http h) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(h.url()).timeout(h.timeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != h.status()) {
                return CheckResult.failed("HTTP " + r.statusCode() + " from " + h.url() + ", expected " + h.status());
            }
            if (!r.body().contains(h.bodyContains())) {
                return CheckResult.failed("HTTP " + r.statusCode() + " but the body lacks '" + h.bodyContains() + "'");
            }
            return CheckResult.ok("HTTP " + r.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            return CheckResult.failed("GET " + h.url() + ": " + describe(e));
        }
    }

    private static CheckResult tcp(Probe.Tcp t) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(t.host(), t.port()), (int) Math.max(1, t.timeout().toMillis()));
            return CheckResult.ok("TCP " + t.host() + ":" + t.port() + " open");
        } catch (IOException | IllegalArgumentException e) {
            return CheckResult.failed("TCP " + t.host() + ":" + t.port() + ": " + describe(e));
        }
    }

    private static CheckResult sql(Probe.Sql s) {
        Properties p = new Properties();
        if (s.user() != null) {
            p.setProperty("user", s.user());
        }
        if (s.password() != null) {
            p.setProperty("password", s.password());
        }
        int seconds = (int) Math.max(1, s.timeout().toSeconds());
        p.setProperty("connectTimeout", Integer.toString(seconds));
        p.setProperty("socketTimeout", Integer.toString(seconds));
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), p); Statement st = c.createStatement()) {
            st.setQueryTimeout(seconds);
            try (ResultSet rs = st.executeQuery(s.query())) {
                if (!rs.next()) {
                    return CheckResult.failed("the query returned no row, expected '" + s.expected() + "'");
                }
                String v = rs.getString(1);
                return s.expected().equals(v) ? CheckResult.ok("query returned '" + v + "'")
                        : CheckResult.failed("query returned '" + v + "', expected '" + s.expected() + "'");
            }
        } catch (SQLException e) {
            return CheckResult.failed("SQL: " + describe(e));
        }
    }

    CheckResult action(DrillAction action) {
        try {
            return switch (action) {
                case DrillAction.Command c -> {
                    CommandRun r = command(c.argv(), c.timeout());
                    yield new CheckResult(r.exit() == 0, "command " + c.argv() + " " + r.detail());
                }
                case DrillAction.HttpHook h -> hook(h);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed("interrupted");
        }
    }

    private CheckResult hook(DrillAction.HttpHook h) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(h.url()).timeout(h.timeout())
                    .header("Content-Type", "application/json")
                    .method(h.method(), h.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(h.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            String line = h.method() + " " + h.url() + " answered HTTP " + r.statusCode();
            return r.statusCode() / 100 == 2 ? CheckResult.ok(line) : CheckResult.failed(line + ": "
                    + shorten(r.body()));
        } catch (IOException | IllegalArgumentException e) {
            return CheckResult.failed(h.method() + " " + h.url() + ": " + describe(e));
        }
    }

    /** How a command ended: its exit code (-1 when it could not run or was killed) and what it printed. */
    record CommandRun(int exit, String detail) { }

    /** Runs {@code argv}, killing it after {@code timeout}. */
    static CommandRun command(List<String> argv, Duration timeout) throws InterruptedException {
        Path out = null;
        try {
            out = Files.createTempFile("finres-drill-", ".out");
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new CommandRun(-1, "did not end within " + timeout.toMillis() + " ms (killed)");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8).strip();
            return new CommandRun(p.exitValue(), "exited " + p.exitValue()
                    + (output.isEmpty() ? "" : ": " + shorten(output)));
        } catch (IOException e) {
            return new CommandRun(-1, "could not run " + argv + ": " + describe(e));
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " " + shorten(m));
    }

    static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 300 ? one : one.substring(0, 297) + "...";
    }
}
