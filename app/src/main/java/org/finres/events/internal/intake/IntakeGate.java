package org.finres.events.internal.intake;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Bounded admission to the intake: a fixed number of batches in progress and a bounded number waiting. A batch
 * that finds the queue full, or waits too long, is refused with a retry hint instead of being queued without
 * limit or dropped silently. Stream transports (syslog, Kafka) block instead, which pushes back on TCP.
 */
@Component
public class IntakeGate {

    /** A place in the intake, released when the batch is done. */
    public final class Admission implements AutoCloseable {
        private boolean released;

        @Override
        public void close() {
            if (!released) {
                released = true;
                places.release();
            }
        }
    }

    private final Semaphore places;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiting;
    private final Duration wait;

    public IntakeGate(IntakeProperties properties, MeterRegistry meters) {
        this.places = new Semaphore(properties.concurrentBatches(), true);
        this.maxWaiting = properties.waitingBatches();
        this.wait = properties.admissionWait();
        meters.gauge("finres.events.intake.waiting", waiting);
        meters.gauge("finres.events.intake.available", places, Semaphore::availablePermits);
    }

    /** A place within the admission wait, or empty when the intake is saturated. */
    public Optional<Admission> tryAdmit() throws InterruptedException {
        if (places.tryAcquire()) {
            return Optional.of(new Admission());
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            return Optional.empty();
        }
        try {
            return places.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(new Admission()) : Optional.empty();
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Waits as long as it takes; for stream transports whose back-pressure is to stop reading. */
    public Admission admit() throws InterruptedException {
        places.acquire();
        return new Admission();
    }

    /** Seconds a refused client should wait before retrying. */
    public long retryAfterSeconds() {
        return Math.max(1, wait.toSeconds());
    }
}
