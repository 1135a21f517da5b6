package org.finres.events.internal.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.events.internal.intake.IntakeGate;
import org.finres.events.internal.intake.IntakeRecord;
import org.finres.events.internal.intake.IntakeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes the mapped topics at least once: poll, hand each topic's records to the intake under the topic's
 * institution, and commit the offsets only after the intake has committed the events. When the intake fails, the
 * offsets stay where they were, the consumer seeks back and reads the same records again after a pause, so no
 * record is skipped; the deterministic event ids make the redelivered ones duplicates, stored once.
 *
 * <p>One thread owns the {@link KafkaConsumer} (it is not thread-safe); {@link #stop()} only wakes it up, lets it
 * finish and commit the batch in hand, and waits for it to close the consumer.
 */
final class KafkaEventConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventConsumer.class);

    private final KafkaIntakeProperties properties;
    private final Institutions institutions;
    private final IntakeGate gate;
    private final BatchIntake intake;
    private final MeterRegistry meters;
    private final Map<String, InstitutionId> institutionsByTopic;
    private final Counter batches;
    private final Counter failures;
    private final Counter commitFailures;
    private final AtomicLong lag = new AtomicLong();
    private final Map<String, Counter> recordsByTopic = new ConcurrentHashMap<>();

    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Gauge lagGauge;
    private volatile Thread worker;
    private volatile boolean stopping;
    private volatile CountDownLatch stopSignal = new CountDownLatch(1);

    KafkaEventConsumer(KafkaIntakeProperties properties, Institutions institutions, IntakeGate gate, BatchIntake intake,
                       MeterRegistry meters) {
        this.properties = properties;
        this.institutions = institutions;
        this.gate = gate;
        this.intake = intake;
        this.meters = meters;
        this.institutionsByTopic = properties.institutionsByTopic();
        this.batches = meters.counter("finres.events.kafka.batches");
        this.failures = meters.counter("finres.events.kafka.failures");
        this.commitFailures = meters.counter("finres.events.kafka.commit.failures");
    }

    /**
     * Checks the mapping against the institutions (a typo would otherwise file a member's events nowhere, or fail
     * every batch for ever), then subscribes to exactly the mapped topics and starts the polling thread.
     */
    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        institutionsByTopic.forEach((topic, institution) -> {
            if (institutions.find(institution).isEmpty()) {
                missing.add("topic '" + topic + "' is mapped to institution '" + institution + "', which does not exist");
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Kafka intake (finres.events.kafka.topics): " + String.join("; ", missing));
        }
        stopping = false;
        stopSignal = new CountDownLatch(1);
        consumer = new KafkaConsumer<>(clientProperties());
        consumer.subscribe(List.copyOf(institutionsByTopic.keySet()));
        // Registered per run and removed on stop, so that a restarted consumer reports its own lag, not a stale one.
        lagGauge = Gauge.builder("finres.events.kafka.lag", lag, AtomicLong::get)
                .description("records in the assigned partitions not yet read by this hub")
                .tag("group", properties.groupId()).register(meters);
        worker = Thread.ofPlatform().name("finres-kafka-intake").daemon(false).unstarted(this::run);
        worker.start();
        log.info("Kafka intake started: group {} on {}", properties.groupId(), institutionsByTopic.keySet());
    }

    @Override
    public synchronized void stop() {
        Thread thread = worker;
        if (thread == null) {
            return;
        }
        stopping = true;
        stopSignal.countDown();
        try {
            consumer.wakeup();
        } catch (RuntimeException e) {
            // Already closed: the thread ended on its own (an error it logged); nothing to wake.
        }
        try {
            thread.join(properties.shutdownTimeout());
            if (thread.isAlive()) {
                // Still waiting for an intake place or the database: give up the batch; it was not committed, so a
                // later start (here or in another hub of the group) reads it again.
                log.warn("Kafka intake did not finish its batch within {}; interrupting it", properties.shutdownTimeout());
                thread.interrupt();
                thread.join(properties.shutdownTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        meters.remove(lagGauge);
        worker = null;
    }

    @Override
    public boolean isRunning() {
        Thread thread = worker;
        return thread != null && thread.isAlive();
    }

    private Map<String, Object> clientProperties() {
        Map<String, Object> client = new HashMap<>();
        client.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        client.put(ConsumerConfig.CLIENT_ID_CONFIG, "finres-" + properties.groupId());
        client.putAll(properties.properties());
        client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        client.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        client.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        // At-least-once rests on committing only what the intake has committed; auto-commit would break it.
        client.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        client.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        client.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return client;
    }

    private void run() {
        KafkaConsumer<byte[], byte[]> client = consumer;
        try {
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> polled;
                try {
                    polled = client.poll(properties.pollTimeout());
                } catch (WakeupException e) {
                    break;
                }
                measureLag(client);
                if (!polled.isEmpty() && !deliver(client, polled)) {
                    failures.increment();
                    stopSignal.await(properties.retryPause().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Kafka intake stopped by an unexpected error; uncommitted records will be read again on restart", e);
        } finally {
            // Nothing is committed here: whatever was not committed after its intake is read again next time.
            try {
                client.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                log.warn("Kafka consumer did not close cleanly", e);
            }
            log.info("Kafka intake stopped");
        }
    }

    /**
     * Hands each topic's records to the intake and commits that topic's offsets after it returns. On a failure the
     * failed topic and those not yet delivered are rewound to their first polled offset; false then.
     */
    private boolean deliver(KafkaConsumer<byte[], byte[]> client, ConsumerRecords<byte[], byte[]> polled)
            throws InterruptedException {
        Map<String, List<TopicPartition>> partitionsByTopic = new LinkedHashMap<>();
        for (TopicPartition partition : polled.partitions()) {
            partitionsByTopic.computeIfAbsent(partition.topic(), topic -> new ArrayList<>()).add(partition);
        }
        List<String> topics = List.copyOf(partitionsByTopic.keySet());
        for (int i = 0; i < topics.size(); i++) {
            String topic = topics.get(i);
            List<TopicPartition> partitions = partitionsByTopic.get(topic);
            List<IntakeRecord> records = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            for (TopicPartition partition : partitions) {
                List<ConsumerRecord<byte[], byte[]>> inPartition = polled.records(partition);
                for (ConsumerRecord<byte[], byte[]> record : inPartition) {
                    // A tombstone has no event; as empty input it lands in the dead letters rather than vanishing.
                    records.add(IntakeRecord.sniffed(record.value() == null ? new byte[0] : record.value()));
                }
                next.put(partition, new OffsetAndMetadata(inPartition.getLast().offset() + 1));
            }
            try (IntakeGate.Admission admission = gate.admit()) {
                IntakeResult result = intake.accept(institutionsByTopic.get(topic), records);
                log.debug("Kafka topic {}: {} stored, {} duplicates, {} rejected", topic, result.accepted(),
                        result.duplicates(), result.rejected());
            } catch (RuntimeException e) {
                log.warn("Kafka topic {}: intake failed for {} records; reading them again in {}", topic, records.size(),
                        properties.retryPause(), e);
                for (String undelivered : topics.subList(i, topics.size())) {
                    for (TopicPartition partition : partitionsByTopic.get(undelivered)) {
                        client.seek(partition, polled.records(partition).getFirst().offset());
                    }
                }
                return false;
            }
            records(topic).increment(records.size());
            batches.increment();
            commit(client, next);
        }
        return true;
    }

    private void commit(KafkaConsumer<byte[], byte[]> client, Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            try {
                client.commitSync(offsets);
            } catch (WakeupException e) {
                // A stop arrived during the batch; the wake-up is spent, so this commit goes through.
                client.commitSync(offsets);
            }
        } catch (RuntimeException e) {
            // The events are stored; a redelivery after a rebalance or broker trouble only adds duplicates.
            commitFailures.increment();
            log.warn("Kafka offsets {} not committed; those records may be delivered again", offsets, e);
        }
    }

    private void measureLag(KafkaConsumer<byte[], byte[]> client) {
        long total = 0;
        for (TopicPartition partition : client.assignment()) {
            OptionalLong partitionLag = client.currentLag(partition);
            total += partitionLag.orElse(0);
        }
        lag.set(total);
    }

    private Counter records(String topic) {
        return recordsByTopic.computeIfAbsent(topic, t -> meters.counter("finres.events.kafka.records", "topic", t));
    }
}
