package org.finres.cli.hub;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.finres.cli.CliEnvironment;
import org.finres.cli.FinresCli;
import org.finres.cli.testing.CliRun;
import org.finres.core.internal.EmbeddedPostgresServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;

/**
 * {@code finres demo} run in the foreground on a thread of this JVM, used over HTTP, stopped, and its database
 * then verified offline, first intact and then tampered with. The tests share the data folder, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubLifecycleIntegrationTests {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern URL = Pattern.compile("FinRes hub running at (http://\\S+)/");
    private static final Pattern TOKEN = Pattern.compile("export FINRES_TOKEN=(frs_\\S+)");

    @TempDir
    static Path data;

    @Test
    @Order(1)
    void demoServesUntilInterruptedThenClosesEverything() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        // The demo prints its credentials on System.out, as the hub's own console output.
        System.setOut(new PrintStream(new Tee(original, console), true, StandardCharsets.UTF_8));
        Thread demo = new Thread(() -> exitCode.set(FinresCli.execute(
                new CliEnvironment(Map.of(), new ByteArrayInputStream(new byte[0])), new PrintWriter(out, true),
                new PrintWriter(err, true), "demo", "--data-dir", data.toString(), "--port", "0")), "finres-demo");
        String url;
        String token;
        try {
            demo.start();
            Matcher started = awaitOutput(out, demo);
            url = started.group(1);
            Matcher printed = TOKEN.matcher(console.toString(StandardCharsets.UTF_8));
            assertThat(printed.find()).as("demo token in console output").isTrue();
            token = printed.group(1);
        } finally {
            System.setOut(original);
        }
        Map<String, String> cli = Map.of("FINRES_HUB_URL", url, "FINRES_TOKEN", token);

        assertThat(out.toString()).contains("Sign in with a demo user", "FINRES_HUB_URL=" + url);
        CliRun institutions = finres(cli, "admin", "institutions", "list");
        assertThat(institutions.exitCode()).as(institutions.toString()).isZero();
        assertThat(institutions.out()).contains("taipei-first-bank", "臺北第一商業銀行", "swiftpay");
        assertThat(finres(cli, "audit", "verify").exitCode()).isZero();

        CliRun second = finres(Map.of(), "serve", "--data-dir", data.toString(), "--port", "0");
        assertThat(second.exitCode()).isEqualTo(3);
        assertThat(second.err()).contains("is in use", "finres demo");

        demo.interrupt();
        demo.join(Duration.ofMinutes(1));

        assertThat(demo.isAlive()).isFalse();
        assertThat(exitCode.get()).as(err.toString()).isZero();
        assertThat(out.toString()).contains("FinRes hub stopped.");
        assertThat(finres(cli, "admin", "institutions", "list").exitCode()).isEqualTo(3);
        try (DataFolder.Lock free = new DataFolder(data).lock("test")) {
            assertThat(free).as("the data folder is released").isNotNull();
        }
    }

    @Test
    @Order(2)
    void offlineVerifyFindsTheStoppedHubsTrailIntact() {
        CliRun run = finres(Map.of(), "audit", "verify", "--offline", "--data-dir", data.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).matches("audit trail intact: \\d+ records\\n");
        assertThat(run.err()).contains("records checked");
    }

    @Test
    @Order(3)
    void offlineVerifyReportsARecordAlteredInTheDatabaseAndExitsFour() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), 0);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
             Statement sql = connection.createStatement()) {
            // A database superuser can switch the append-only triggers off; only the hash chain still tells.
            sql.execute("set session_replication_role = replica");
            assertThat(sql.executeUpdate("update audit_log set actor = 'user:mallory' where seq = 3")).isEqualTo(1);
        }

        CliRun run = finres(Map.of(), "audit", "verify", "--offline", "--data-dir", data.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.out()).startsWith("audit trail BROKEN at record 3: record 3 was altered");
    }

    private static Matcher awaitOutput(StringWriter out, Thread demo) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = URL.matcher(out.toString());
            if (matcher.find()) {
                return matcher;
            }
            assertThat(demo.isAlive()).as("demo still starting; output so far:\n" + out).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("the demo hub did not start within " + START_TIMEOUT + "; output:\n" + out);
    }

    /** Writes to the real console and to a buffer the test reads. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream copy;

        Tee(OutputStream console, OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            console.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            console.write(bytes, offset, length);
            copy.write(bytes, offset, length);
        }

        @Override
        public void flush() throws java.io.IOException {
            console.flush();
        }
    }
}
