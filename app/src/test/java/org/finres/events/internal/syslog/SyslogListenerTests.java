package org.finres.events.internal.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.finres.core.InstitutionId;
import org.finres.events.internal.intake.EventIntake;
import org.finres.events.internal.intake.IntakeGate;
import org.finres.events.internal.intake.IntakeProperties;
import org.finres.events.internal.intake.IntakeRecord;
import org.finres.events.internal.intake.IntakeResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain TCP listener over real loopback sockets, with an intake that only records the batches it is given. */
class SyslogListenerTests {

    private static final InstitutionId LAB = InstitutionId.of("lab-bank");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private SyslogListener listener;

    @AfterEach
    void stopListener() {
        if (listener != null) {
            listener.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void batchesUpToTheConfiguredSizeAndSendsTheRestWhenTheWindowCloses() throws Exception {
        start(properties(3, Duration.ofMillis(100), 8, Duration.ofMinutes(1)));

        try (Socket socket = connect()) {
            send(socket, "<13>1\n<13>2\n<13>3\n<13>4\n<13>5\n<13>6\n<13>7\n");
            await(() -> batches.stream().mapToInt(List::size).sum() == 7);
        }

        assertThat(batches).containsExactly(List.of("<13>1", "<13>2", "<13>3"), List.of("<13>4", "<13>5", "<13>6"),
                List.of("<13>7"));
    }

    @Test
    void connectionBeyondTheLimitIsClosedAtOnce() throws Exception {
        start(properties(10, Duration.ofMillis(20), 1, Duration.ofMinutes(1)));

        try (Socket first = connect()) {
            send(first, "<13>first\n");
            await(() -> batches.size() == 1);
            try (Socket second = connect()) {
                assertThat(closedByServer(second)).isTrue();
            }
            send(first, "<13>still served\n");
            await(() -> batches.size() == 2);
        }
        assertThat(meters.counter("finres.events.syslog.connections", "transport", "syslog-tcp", "outcome", "refused")
                .count()).isEqualTo(1);
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        start(properties(10, Duration.ofMillis(20), 8, Duration.ofMillis(200)));

        try (Socket socket = connect()) {
            assertThat(closedByServer(socket)).isTrue();
        }
    }

    @Test
    void stoppingDeliversTheFramesAlreadyRead() throws Exception {
        start(properties(100, Duration.ofSeconds(30), 8, Duration.ofMinutes(1)));

        try (Socket socket = connect()) {
            send(socket, "<13>in flight one\n<13>in flight two\n");
            await(() -> meters.counter("finres.events.syslog.frames", "transport", "syslog-tcp").count() == 2);
            listener.stop(Duration.ofSeconds(5));
        }

        assertThat(batches).containsExactly(List.of("<13>in flight one", "<13>in flight two"));
    }

    @Test
    void countsFramesAndFramingErrors() throws Exception {
        start(properties(10, Duration.ofMillis(20), 8, Duration.ofMinutes(1)));

        try (Socket socket = connect()) {
            send(socket, "5 <13>a5 <13>b0 ");
            assertThat(closedByServer(socket)).isTrue();
        }

        await(() -> batches.size() == 1);
        assertThat(batches.getFirst()).containsExactly("<13>a", "<13>b");
        assertThat(meters.counter("finres.events.syslog.framing.errors", "transport", "syslog-tcp").count()).isEqualTo(1);
    }

    private void start(SyslogProperties properties) throws IOException {
        IntakeProperties intakeLimits = new IntakeProperties(2, 4, Duration.ofSeconds(1), 1000, DataSize.ofMegabytes(1), true);
        EventIntake intake = new EventIntake(null, null, null, null, null, intakeLimits, null, Clock.systemUTC(), meters, null) {
            @Override
            public IntakeResult accept(InstitutionId institution, String transport, List<IntakeRecord> records) {
                assertThat(institution).isEqualTo(LAB);
                assertThat(transport).isEqualTo("syslog-tcp");
                batches.add(records.stream().map(r -> new String(r.bytes(), StandardCharsets.UTF_8)).toList());
                return new IntakeResult(records.size(), 0, 0, List.of());
            }
        };
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener = new SyslogListener(SyslogTransport.TCP, server, socket -> new ConnectionVerdict.Admitted(LAB, "test"),
                properties, intake, new IntakeGate(intakeLimits, meters), meters);
        listener.start();
    }

    private static SyslogProperties properties(int batchMessages, Duration window, int maxConnections, Duration idle) {
        return new SyslogProperties(new SyslogProperties.Tls(null, null, null, null, null, null, null),
                new SyslogProperties.Tcp(0, "127.0.0.1", LAB), batchMessages, window, maxConnections, idle,
                Duration.ofSeconds(5), DataSize.ofKilobytes(64));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
