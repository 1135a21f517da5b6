package org.finres.events.internal.syslog;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.finres.events.internal.intake.EventIntake;
import org.finres.events.internal.intake.IntakeGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening socket: accepts connections up to the limit, decides for each whose events it carries, and serves
 * each admitted one on its own virtual thread.
 */
final class SyslogListener {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogListener.class);

    private final SyslogTransport transport;
    private final ServerSocket server;
    private final Function<Socket, ConnectionVerdict> verdicts;
    private final SyslogProperties properties;
    private final EventIntake intake;
    private final IntakeGate gate;
    private final Semaphore slots;
    private final Map<SyslogConnection, Thread> open = new ConcurrentHashMap<>();
    private final Map<Socket, Thread> pending = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final Counter accepted;
    private final Counter refused;
    private final Counter frames;
    private final Counter framingErrors;
    private Thread acceptor;

    SyslogListener(SyslogTransport transport, ServerSocket server, Function<Socket, ConnectionVerdict> verdicts,
                   SyslogProperties properties, EventIntake intake, IntakeGate gate, MeterRegistry meters) {
        this.transport = transport;
        this.server = server;
        this.verdicts = verdicts;
        this.properties = properties;
        this.intake = intake;
        this.gate = gate;
        this.slots = new Semaphore(properties.maxConnections());
        Tags tags = Tags.of("transport", transport.label());
        this.accepted = meters.counter("finres.events.syslog.connections", tags.and("outcome", "accepted"));
        this.refused = meters.counter("finres.events.syslog.connections", tags.and("outcome", "refused"));
        this.frames = meters.counter("finres.events.syslog.frames", tags);
        this.framingErrors = meters.counter("finres.events.syslog.framing.errors", tags);
        meters.gauge("finres.events.syslog.open", tags, connected);
    }

    int port() {
        return server.getLocalPort();
    }

    void start() {
        acceptor = Thread.ofVirtual().name(transport.label() + "-accept").start(this::acceptLoop);
        LOG.info("{} listening on {}:{}", transport.label(), server.getInetAddress().getHostAddress(), port());
    }

    /** Stops accepting and tells open connections to stop reading; what they have read is still delivered. */
    void stopAccepting() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the {} listener: {}", transport.label(), e.toString());
        }
        pending.keySet().forEach(SyslogListener::closeQuietly);
        open.keySet().forEach(SyslogConnection::stop);
    }

    /**
     * Waits until the open connections have delivered their last batch, up to {@code deadlineNanos} (a
     * {@link System#nanoTime()} value); connections still busy then are interrupted.
     */
    void awaitConnections(long deadlineNanos) {
        try {
            if (acceptor != null) {
                acceptor.join(Duration.ofSeconds(1));
            }
            for (Thread thread : open.values()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    thread.interrupt();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open.values().forEach(Thread::interrupt);
        }
        LOG.info("{} listener on port {} stopped", transport.label(), port());
    }

    /** Both steps of stopping, for one listener alone. */
    void stop(Duration grace) {
        stopAccepting();
        awaitConnections(System.nanoTime() + grace.toNanos());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("{} listener: accept failed: {}", transport.label(), e.toString());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                refused.increment();
                LOG.warn("{} connection from {} refused: already {} connections open", transport.label(),
                        socket.getRemoteSocketAddress(), properties.maxConnections());
                closeQuietly(socket);
                continue;
            }
            Thread.ofVirtual().name(transport.label() + "-" + socket.getRemoteSocketAddress())
                    .start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        pending.put(socket, Thread.currentThread());
        connected.incrementAndGet();
        try {
            ConnectionVerdict verdict = verdicts.apply(socket);
            pending.remove(socket);
            switch (verdict) {
                case ConnectionVerdict.Refused r -> {
                    refused.increment();
                    LOG.warn("{} connection from {} refused: {}", transport.label(), peer, r.reason());
                }
                case ConnectionVerdict.Admitted a -> {
                    accepted.increment();
                    LOG.info("{} connection from {} admitted as institution {} ({})", transport.label(), peer,
                            a.institution(), a.how());
                    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, properties.idleTimeout().toMillis()));
                    int max = (int) properties.maxMessage().toBytes();
                    SyslogStream stream = transport == SyslogTransport.TLS ? SyslogStream.octetCounting(max)
                            : SyslogStream.detected(max);
                    SyslogConnection connection = new SyslogConnection(socket, peer, a.institution(), transport,
                            stream, properties, intake, gate, frames, framingErrors);
                    open.put(connection, Thread.currentThread());
                    try {
                        if (server.isClosed()) {
                            connection.stop();
                        }
                        connection.serve();
                    } finally {
                        open.remove(connection);
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("{} connection from {} failed: {}", transport.label(), peer, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending.remove(socket);
            closeQuietly(socket);
            connected.decrementAndGet();
            slots.release();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to tell a peer we are dropping.
        }
    }
}
