package org.finres.events.internal.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.finres.FinresApplication;
import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.SizeTier;
import org.finres.events.internal.intake.EventIntake;
import org.finres.events.internal.intake.IntakeGate;
import org.finres.events.internal.intake.IntakeResult;
import org.finres.testing.TestDatabase;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kafka transport against an in-process KRaft broker and the real intake and PostgreSQL: the hub's own consumer
 * (enabled by properties, as an operator would) for routing, and hand-built consumers on topics of their own for
 * crashes, intake failures and startup validation.
 */
@SpringBootTest(classes = FinresApplication.class)
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
@Import({TestSector.class, KafkaEventConsumerIntegrationTests.Broker.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaEventConsumerIntegrationTests {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final InstitutionId ALPHA = InstitutionId.of("kafka-alpha-" + RUN);
    static final InstitutionId BETA = InstitutionId.of("kafka-beta-" + RUN);
    static final InstitutionId GAMMA = InstitutionId.of("kafka-gamma-" + RUN);
    static final String ALPHA_TOPIC = "soc.alpha";
    static final String BETA_TOPIC = "soc.beta";
    static final String GAMMA_TOPIC = "soc.gamma";
    static final String UNMAPPED_TOPIC = "soc.unmapped";
    static final String HUB_GROUP = "hub-" + RUN;

    static KafkaClusterTestKit cluster;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        startBroker();
        registry.add("finres.events.kafka.enabled", () -> "true");
        registry.add("finres.events.kafka.bootstrap-servers", cluster::bootstrapServers);
        registry.add("finres.events.kafka.group-id", () -> HUB_GROUP);
        registry.add("finres.events.kafka.poll-timeout", () -> "200ms");
        registry.add("finres.events.kafka.topics[" + ALPHA_TOPIC + "]", ALPHA::value);
        registry.add("finres.events.kafka.topics[" + BETA_TOPIC + "]", BETA::value);
        registry.add("finres.events.kafka.topics[" + GAMMA_TOPIC + "]", GAMMA::value);
    }

    /** The broker's life and the mapped institutions, both tied to the context. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Broker {

        /** Created with the beans, hence before the consumer's start checks that the mapped institutions exist. */
        @Bean
        List<InstitutionId> kafkaMappedInstitutions(Institutions institutions) {
            Actor.SystemProcess setup = new Actor.SystemProcess("test-setup");
            for (InstitutionId id : List.of(ALPHA, BETA, GAMMA)) {
                institutions.create(setup, id, new Institutions.Draft("Kafka " + id, InstitutionKind.BANK, SizeTier.MEDIUM));
            }
            return List.of(ALPHA, BETA, GAMMA);
        }

        /** Beans are destroyed after lifecycles stop, so the broker outlives the hub's consumer. */
        @Bean
        DisposableBean kafkaTestBroker() {
            return () -> cluster.close();
        }
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestSector sector;
    @Autowired
    EventIntake eventIntake;
    @Autowired
    IntakeGate gate;
    @Autowired
    Institutions institutions;
    @Autowired
    MeterRegistry meters;

    @Test
    void recordsFromTwoTopicsAreStoredUnderEachTopicsInstitutionWithTheirClass() throws Exception {
        // The payload names another tenant; the topic decides the institution.
        send(ALPHA_TOPIC, ocsfFinding("alpha-1"), ocsfFinding("alpha-2"), ocsfFinding("alpha-3"), "{\"unterminated\": ");
        send(BETA_TOPIC, windowsProcess(1), windowsProcess(2));

        await(() -> events(ALPHA) == 3 && events(BETA) == 2 && deadLetters(ALPHA) == 1);

        assertThat(classes(ALPHA)).containsExactly(2004);
        assertThat(classes(BETA)).containsExactly(1007);
        assertThat(jdbc.sql("select distinct source_name from security_event where institution_id in (:a, :b)")
                .param("a", ALPHA.value()).param("b", BETA.value()).query(String.class).list())
                .allSatisfy(source -> assertThat(source).startsWith("kafka/"));
        assertThat(jdbc.sql("select transport from dead_letter where institution_id = :i").param("i", ALPHA.value())
                .query(String.class).single()).isEqualTo("kafka");
        assertThat(jdbc.sql("select count(*) from security_event where institution_id = 'someone-else'")
                .query(Long.class).single()).isZero();
        assertThat(meters.get("finres.events.kafka.records").tag("topic", ALPHA_TOPIC).counter().count()).isEqualTo(4);
        assertThat(meters.get("finres.events.kafka.records").tag("topic", BETA_TOPIC).counter().count()).isEqualTo(2);
    }

    @Test
    void anUnmappedTopicIsNotConsumed() throws Exception {
        String unmapped = "unmapped-" + RUN;
        send(UNMAPPED_TOPIC, ocsfFinding(unmapped));
        // Written after the unmapped record: once it is stored, the consumer has had every chance to misroute.
        send(GAMMA_TOPIC, ocsfFinding("marker-" + RUN));

        await(() -> events(GAMMA) == 1);

        assertThat(jdbc.sql("select count(*) from security_event where ocsf::text like :p").param("p", "%" + unmapped + "%")
                .query(Long.class).single()).isZero();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(HUB_GROUP)
                    .partitionsToOffsetAndMetadata().get();
            assertThat(committed.keySet()).extracting(TopicPartition::topic).contains(GAMMA_TOPIC)
                    .doesNotContain(UNMAPPED_TOPIC);
        }
    }

    @Test
    void recordsStoredButNotCommittedBeforeACrashAreRedeliveredAndStoredOnce() throws Exception {
        InstitutionId bank = sector.institution("kafka-crash", InstitutionKind.BANK);
        String topic = "soc.crash-" + RUN;
        createTopic(topic);
        int sent = 20;
        String[] findings = new String[sent];
        for (int i = 0; i < sent; i++) {
            findings[i] = ocsfFinding("crash-" + i);
        }
        send(topic, findings);

        List<IntakeResult> firstLife = new CopyOnWriteArrayList<>();
        KafkaEventConsumer crashing = consumer(topic, bank, "crash-" + RUN, (institution, records) -> {
            firstLife.add(eventIntake.accept(institution, "kafka", records));
            // The process dies between the intake's commit and the offset commit.
            throw new SimulatedCrash();
        });
        crashing.start();
        await(() -> !crashing.isRunning());
        crashing.stop();
        int storedBeforeCrash = firstLife.stream().mapToInt(IntakeResult::accepted).sum();
        assertThat(storedBeforeCrash).isPositive();
        assertThat(committedOffset("crash-" + RUN, topic)).isZero();

        List<IntakeResult> secondLife = new CopyOnWriteArrayList<>();
        KafkaEventConsumer restarted = consumer(topic, bank, "crash-" + RUN, (institution, records) -> {
            IntakeResult result = eventIntake.accept(institution, "kafka", records);
            secondLife.add(result);
            return result;
        });
        restarted.start();
        await(() -> secondLife.stream().mapToInt(r -> r.accepted() + r.duplicates()).sum() == sent);
        restarted.stop();

        assertThat(secondLife.stream().mapToInt(IntakeResult::duplicates).sum()).isEqualTo(storedBeforeCrash);
        assertThat(events(bank)).isEqualTo(sent);
        assertThat(committedOffset("crash-" + RUN, topic)).isEqualTo(sent);
    }

    @Test
    void aFailedIntakeIsRetriedWithoutSkippingOrCommittingAnyRecord() throws Exception {
        InstitutionId bank = sector.institution("kafka-flaky", InstitutionKind.SECURITIES);
        String topic = "soc.flaky-" + RUN;
        createTopic(topic);
        send(topic, ocsfFinding("flaky-1"), ocsfFinding("flaky-2"), ocsfFinding("flaky-3"), ocsfFinding("flaky-4"));
        AtomicInteger attempts = new AtomicInteger();
        List<Long> committedWhileFailing = new CopyOnWriteArrayList<>();
        KafkaEventConsumer consumer = consumer(topic, bank, "flaky-" + RUN, (institution, records) -> {
            if (attempts.incrementAndGet() <= 2) {
                committedWhileFailing.add(committedOffset("flaky-" + RUN, topic));
                throw new IllegalStateException("database unavailable");
            }
            return eventIntake.accept(institution, "kafka", records);
        });
        consumer.start();
        await(() -> events(bank) == 4);
        consumer.stop();

        assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
        assertThat(committedWhileFailing).containsOnly(0L);
        assertThat(committedOffset("flaky-" + RUN, topic)).isEqualTo(4);
        assertThat(meters.get("finres.events.kafka.failures").counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aStopDuringABatchFinishesItCommitsItAndCloses() throws Exception {
        InstitutionId bank = sector.institution("kafka-stop", InstitutionKind.INSURANCE);
        String topic = "soc.stop-" + RUN;
        createTopic(topic);
        send(topic, ocsfFinding("stop-1"), ocsfFinding("stop-2"), ocsfFinding("stop-3"));
        CountDownLatch inBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        KafkaEventConsumer consumer = consumer(topic, bank, "stop-" + RUN, (institution, records) -> {
            inBatch.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return eventIntake.accept(institution, "kafka", records);
        });
        consumer.start();
        assertThat(inBatch.await(30, TimeUnit.SECONDS)).isTrue();

        Thread stopper = Thread.ofPlatform().start(consumer::stop);
        // Let the stop's wake-up land while the batch is still in the intake.
        Thread.sleep(300);
        assertThat(stopper.isAlive()).as("stop waits for the batch").isTrue();
        release.countDown();
        stopper.join(Duration.ofSeconds(30));

        assertThat(consumer.isRunning()).isFalse();
        long stored = events(bank);
        assertThat(stored).isPositive();
        assertThat(committedOffset("stop-" + RUN, topic)).isEqualTo(stored);
    }

    @Test
    void aMappingToAMissingInstitutionFailsStartupNamingTheTopic() {
        InstitutionId ghost = InstitutionId.of("ghost-" + RUN);
        KafkaEventConsumer consumer = new KafkaEventConsumer(properties(Map.of("soc.orphan", ghost.value()), "orphan-" + RUN),
                institutions, gate, (institution, records) -> {
                    throw new AssertionError("nothing may be consumed");
                }, meters);

        assertThatThrownBy(consumer::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic 'soc.orphan'").hasMessageContaining("'" + ghost + "'")
                .hasMessageContaining("does not exist");
        assertThat(consumer.isRunning()).isFalse();
    }

    /** Stands for the process dying: an Error the consumer does not handle, so it closes without committing. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash after the intake committed", null, false, false);
        }
    }

    private KafkaEventConsumer consumer(String topic, InstitutionId institution, String group, BatchIntake intake) {
        return new KafkaEventConsumer(properties(Map.of(topic, institution.value()), group), institutions, gate, intake,
                meters);
    }

    private static KafkaIntakeProperties properties(Map<String, String> topics, String group) {
        return new KafkaIntakeProperties(true, cluster.bootstrapServers(), group, topics, 500, Duration.ofMillis(200),
                Duration.ofMillis(100), Duration.ofSeconds(10), Map.of());
    }

    private static synchronized void startBroker() throws Exception {
        if (cluster != null) {
            return;
        }
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                // One broker: the internal topics must not ask for three replicas, or groups never get a coordinator.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        cluster = kit;
        for (String topic : List.of(ALPHA_TOPIC, BETA_TOPIC, GAMMA_TOPIC, UNMAPPED_TOPIC)) {
            createTopic(topic);
        }
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    private static long committedOffset(String group, String topic) {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(String topic, String... payloads) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String payload : payloads) {
                producer.send(new ProducerRecord<>(topic, payload.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static String ocsfFinding(String uid) {
        return "{\"class_uid\":2004,\"category_uid\":2,\"activity_id\":1,\"type_uid\":200401,\"severity_id\":5,"
                + "\"time\":1795313731000,\"metadata\":{\"product\":{\"name\":\"EDR\",\"vendor_name\":\"Acme\"},"
                + "\"version\":\"1.9.0\",\"tenant_uid\":\"someone-else\"},\"finding_info\":{\"uid\":\"" + uid
                + "\",\"title\":\"Credential dumping " + uid + "\"}}";
    }

    private static String windowsProcess(int recordId) {
        return "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},\"EventID\":1,"
                + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"teller-ws-07\","
                + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-11-21T02:15:31.000Z\"}},\"EventRecordID\":"
                + recordId + "},\"EventData\":{\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\","
                + "\"CommandLine\":\"cmd.exe /c whoami\",\"User\":\"BANK\\\\teller01\",\"ProcessId\":\"4242\"}}}";
    }

    private long events(InstitutionId institution) {
        return jdbc.sql("select count(*) from security_event where institution_id = :i").param("i", institution.value())
                .query(Long.class).single();
    }

    private long deadLetters(InstitutionId institution) {
        return jdbc.sql("select count(*) from dead_letter where institution_id = :i").param("i", institution.value())
                .query(Long.class).single();
    }

    private List<Integer> classes(InstitutionId institution) {
        return jdbc.sql("select distinct class_uid from security_event where institution_id = :i")
                .param("i", institution.value()).query(Integer.class).list();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
