package org.finres.events.internal.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import org.finres.core.InstitutionId;
import org.finres.events.internal.intake.EventIntake;
import org.finres.events.internal.intake.IntakeGate;
import org.finres.events.internal.intake.IntakeRecord;
import org.finres.events.internal.intake.IntakeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admitted connection. A reader thread frames the socket's bytes into a small bounded queue; the calling thread
 * takes them off in batches (up to {@code batchMessages}, or whatever arrived within {@code batchWindow} of a
 * batch's first frame) and hands each batch to the intake. Reading and batching are apart so that a batch is
 * delivered on time while the reader is blocked on a quiet socket; when the intake is full the batcher waits at the
 * gate, the queue fills, the reader stops reading and TCP pushes back on the sender.
 */
final class SyslogConnection {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogConnection.class);
    /** Marks the end of the stream in the queue; framers never produce an empty message, so it is unambiguous. */
    private static final byte[] END = new byte[0];

    private final Socket socket;
    private final String peer;
    private final InstitutionId institution;
    private final SyslogTransport transport;
    private final SyslogStream stream;
    private final SyslogProperties properties;
    private final EventIntake intake;
    private final IntakeGate gate;
    private final Counter frames;
    private final Counter framingErrors;
    private final BlockingQueue<byte[]> queue;
    private volatile boolean stopping;
    private long received;
    private long stored;

    SyslogConnection(Socket socket, String peer, InstitutionId institution, SyslogTransport transport,
                     SyslogStream stream, SyslogProperties properties, EventIntake intake, IntakeGate gate,
                     Counter frames, Counter framingErrors) {
        this.socket = socket;
        this.peer = peer;
        this.institution = institution;
        this.transport = transport;
        this.stream = stream;
        this.properties = properties;
        this.intake = intake;
        this.gate = gate;
        this.frames = frames;
        this.framingErrors = framingErrors;
        // One batch waiting while another is delivered: memory per connection stays within two batches.
        this.queue = new ArrayBlockingQueue<>(properties.batchMessages());
    }

    /** Serves the connection until the sender closes it, it breaks, idles out or {@link #stop()} is called. */
    void serve() throws InterruptedException {
        Thread reader = Thread.ofVirtual().name(transport.label() + "-read-" + peer).start(this::read);
        try {
            batch();
        } finally {
            closeQuietly();
            reader.interrupt();
            reader.join();
            LOG.info("{} connection from {} ({}) closed: {} frames received, {} events stored", transport.label(),
                    peer, institution, received, stored);
        }
    }

    /** Stops reading; frames already read are still delivered. */
    void stop() {
        stopping = true;
        closeQuietly();
    }

    private void read() {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = socket.getInputStream()) {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    offer(stream.finish());
                    return;
                }
                if (!offer(stream.push(buffer, n))) {
                    return;
                }
            }
        } catch (SocketTimeoutException idle) {
            LOG.info("{} connection from {} ({}) idle for {}; closing", transport.label(), peer, institution,
                    properties.idleTimeout());
        } catch (IOException e) {
            if (!stopping) {
                LOG.debug("{} connection from {} ended: {}", transport.label(), peer, e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                // The batcher has gone already (it interrupts us only after it stopped taking).
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues the frames; answers false when the framing broke and the connection must end. */
    private boolean offer(SyslogStream.Framed framed) throws InterruptedException {
        for (byte[] message : framed.messages()) {
            frames.increment();
            received++;
            queue.put(message);
        }
        return switch (framed) {
            case SyslogStream.Framed.Messages m -> true;
            case SyslogStream.Framed.Broken broken -> {
                framingErrors.increment();
                LOG.warn("{} connection from {} ({}): broken framing, closing after {} complete frames: {}",
                        transport.label(), peer, institution, received, broken.reason());
                yield false;
            }
        };
    }

    private void batch() throws InterruptedException {
        List<IntakeRecord> batch = new ArrayList<>();
        long windowNanos = properties.batchWindow().toNanos();
        boolean ended = false;
        while (!ended) {
            byte[] first = queue.take();
            if (first == END) {
                return;
            }
            batch.add(IntakeRecord.sniffed(first));
            long deadline = System.nanoTime() + windowNanos;
            while (batch.size() < properties.batchMessages()) {
                byte[] next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                if (next == END) {
                    ended = true;
                    break;
                }
                batch.add(IntakeRecord.sniffed(next));
            }
            if (!deliver(batch)) {
                return;
            }
            batch.clear();
        }
    }

    /** Answers false when the intake failed: the connection is closed so that the sender sees it and reconnects. */
    private boolean deliver(List<IntakeRecord> batch) throws InterruptedException {
        try (IntakeGate.Admission admission = gate.admit()) {
            IntakeResult result = intake.accept(institution, transport.label(), batch);
            stored += result.accepted();
            if (result.rejected() > 0) {
                LOG.debug("{} connection from {} ({}): {} of {} frames undecodable, kept as dead letters",
                        transport.label(), peer, institution, result.rejected(), batch.size());
            }
            return true;
        } catch (RuntimeException e) {
            LOG.error("{} connection from {} ({}): the intake failed, {} frames not stored; closing the connection",
                    transport.label(), peer, institution, batch.size(), e);
            return false;
        }
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all we wanted; there is nothing left to tell the peer.
        }
    }
}
