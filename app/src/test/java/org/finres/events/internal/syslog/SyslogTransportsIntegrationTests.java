package org.finres.events.internal.syslog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.micrometer.core.instrument.MeterRegistry;
import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.SizeTier;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both syslog listeners of a running hub, over real sockets on 127.0.0.1: mutual TLS with certificates made for the
 * test, and plain TCP for the lab institution. One property set, so one extra application context.
 */
@HubIntegrationTest
class SyslogTransportsIntegrationTests {

    static final String CEF = "CEF:0|Fortinet|FortiGate|7.2|13|Blocked connection|7|src=198.51.100.7 dst=10.1.2.3 "
            + "spt=51515 dpt=443 act=blocked msg=blocked by policy";
    static final String LEEF = "LEEF:2.0|IBM|QRadar|7.5|Login Failure|^|src=203.0.113.9^usrName=teller01^sev=8"
            + "^devTime=Nov 21 2026 10:15:00";
    static final String RFC5424 = "<34>1 2026-11-21T10:15:30.123+08:00 core-bank-01 sshd 4242 ID47 - "
            + "Failed password for root from 192.0.2.44 port 50222 ssh2";
    static final InstitutionId LAB = InstitutionId.of("syslog-lab-" + UUID.randomUUID().toString().substring(0, 8));

    static TestPki pki;

    @DynamicPropertySource
    static void listeners(DynamicPropertyRegistry registry) throws Exception {
        pki = TestPki.create();
        Path keystore = pki.serverKeystore();
        Path truststore = pki.truststore();
        registry.add("finres.events.syslog.tls.port", () -> "0");
        registry.add("finres.events.syslog.tls.bind-address", () -> "127.0.0.1");
        registry.add("finres.events.syslog.tls.keystore", keystore::toString);
        registry.add("finres.events.syslog.tls.keystore-password", () -> TestPki.PASSWORD);
        registry.add("finres.events.syslog.tls.truststore", truststore::toString);
        registry.add("finres.events.syslog.tls.truststore-password", () -> TestPki.PASSWORD);
        registry.add("finres.events.syslog.tcp.port", () -> "0");
        registry.add("finres.events.syslog.tcp.institution", LAB::value);
        registry.add("finres.events.syslog.batch-window", () -> "50ms");
    }

    @Autowired
    SyslogEndpoints endpoints;
    @Autowired
    TestSector sector;
    @Autowired
    Institutions institutions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void labInstitutionExists() {
        if (institutions.find(LAB).isEmpty()) {
            institutions.create(new Actor.SystemProcess("syslog-test"), LAB,
                    new Institutions.Draft("Syslog lab", InstitutionKind.BANK, SizeTier.SMALL));
        }
    }

    @Test
    void mutualTlsClientsEventsAreStoredUnderItsCertificatesInstitutionWithTheirClasses() throws Exception {
        InstitutionId bank = sector.institution("syslog-mtls", InstitutionKind.BANK);
        byte[] stream = octetCounted(CEF, LEEF, RFC5424);

        try (SSLSocket socket = tls(pki.client(bank.value()))) {
            OutputStream out = socket.getOutputStream();
            // Frames cut at awkward places: inside a length, inside a message, between two frames.
            int[] cuts = {2, 40, stream.length / 2, stream.length - 3};
            int from = 0;
            for (int cut : cuts) {
                out.write(stream, from, cut - from);
                out.flush();
                Thread.sleep(20);
                from = cut;
            }
            out.write(stream, from, stream.length - from);
            out.flush();
            awaitEvents(bank, 3);
        }

        assertThat(jdbc.sql("select class_uid from security_event where institution_id = :i order by class_uid")
                .param("i", bank.value()).query(Integer.class).list()).contains(4001, 3002);
        assertThat(jdbc.sql("select distinct source_name from security_event where institution_id = :i")
                .param("i", bank.value()).query(String.class).list()).allMatch(name -> name.startsWith("syslog-tls/"));
        assertThat(jdbc.sql("select severity_id from security_event where institution_id = :i and class_uid = 4001")
                .param("i", bank.value()).query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void clientCertificateThatNamesNoInstitutionIsRefused() throws Exception {
        double refusedBefore = refused();
        String stranger = "no-such-bank-" + UUID.randomUUID().toString().substring(0, 8);

        try (SSLSocket socket = tls(pki.client(stranger))) {
            assertThat(closedByServer(socket, octetCounted(CEF))).isTrue();
        }

        assertThat(refused()).isGreaterThan(refusedBefore);
        assertThat(jdbc.sql("select count(*) from security_event where institution_id = :i").param("i", stranger)
                .query(Long.class).single()).isZero();
    }

    @Test
    void clientWithoutCertificateIsRefusedUnderMutualTls() throws Exception {
        double refusedBefore = refused();

        try (SSLSocket socket = (SSLSocket) pki.clientWithoutCertificate().getSocketFactory()
                .createSocket("127.0.0.1", endpoints.tlsPort().orElseThrow())) {
            socket.setSoTimeout(5000);
            assertThat(closedByServer(socket, octetCounted(CEF))).isTrue();
        }

        awaitTrue(() -> refused() > refusedBefore);
    }

    @Test
    void plainTcpWithNewlineFramingStoresEventsForTheLabInstitution() throws Exception {
        long before = count(LAB);
        String marker = UUID.randomUUID().toString();
        byte[] lines = (CEF + " cs1=" + marker + "\n" + RFC5424 + " " + marker + "\r\n").getBytes(StandardCharsets.UTF_8);

        try (Socket socket = new Socket("127.0.0.1", endpoints.tcpPort().orElseThrow())) {
            OutputStream out = socket.getOutputStream();
            out.write(lines, 0, 30);
            out.flush();
            Thread.sleep(20);
            out.write(lines, 30, lines.length - 30);
            out.flush();
            awaitTrue(() -> count(LAB) >= before + 2);
        }

        assertThat(jdbc.sql("select count(*) from security_event where institution_id = :i and source_name like 'syslog-tcp/%'")
                .param("i", LAB.value()).query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void badFrameLengthClosesTheConnectionButStoresTheCompleteFramesBeforeIt() throws Exception {
        InstitutionId bank = sector.institution("syslog-broken", InstitutionKind.INSURANCE);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(octetCounted(CEF, RFC5424));
        stream.writeBytes("12x4 <13>1 this length is no number".getBytes(StandardCharsets.UTF_8));

        try (SSLSocket socket = tls(pki.client(bank.value()))) {
            // One write, so the good frames and the bad length usually arrive in the same read.
            assertThat(closedByServer(socket, stream.toByteArray())).isTrue();
        }

        awaitEvents(bank, 2);
        assertThat(count(bank)).isEqualTo(2);
    }

    private SSLSocket tls(SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", endpoints.tlsPort().orElseThrow());
        socket.setSoTimeout(5000);
        socket.startHandshake();
        return socket;
    }

    /** Writes, then reads: the hub never answers on syslog, so end of stream or an error means it hung up. */
    private static boolean closedByServer(Socket socket, byte[] data) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(data);
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException hungUp) {
            return true;
        }
    }

    private static byte[] octetCounted(String... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String message : messages) {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private double refused() {
        var counter = meters.find("finres.events.syslog.connections").tags("transport", "syslog-tls", "outcome", "refused")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private long count(InstitutionId institution) {
        return jdbc.sql("select count(*) from security_event where institution_id = :i").param("i", institution.value())
                .query(Long.class).single();
    }

    private void awaitEvents(InstitutionId institution, long expected) throws InterruptedException {
        awaitTrue(() -> count(institution) >= expected);
        assertThat(count(institution)).isEqualTo(expected);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(25);
        }
    }
}
