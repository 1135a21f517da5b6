package org.finres.events.internal.syslog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSocket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.finres.core.Institution;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.SizeTier;
import org.finres.events.internal.intake.EventIntake;
import org.finres.events.internal.intake.IntakeGate;
import org.finres.events.internal.intake.IntakeProperties;
import org.finres.events.internal.intake.IntakeRecord;
import org.finres.events.internal.intake.IntakeResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The endpoints' configuration rules without the hub: which listeners start, and whose events a TLS connection
 * carries when there are no client certificates.
 */
class SyslogEndpointsTests {

    private static final InstitutionId DEFAULT = InstitutionId.of("default-bank");
    private static TestPki pki;
    private static Path keystore;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<InstitutionId> senders = new CopyOnWriteArrayList<>();
    private SyslogEndpoints endpoints;

    @BeforeAll
    static void serverCertificate() throws Exception {
        pki = TestPki.create();
        keystore = pki.serverKeystore();
    }

    @AfterEach
    void stop() {
        if (endpoints != null) {
            endpoints.stop();
        }
    }

    @Test
    void listenersAreOffUnlessTheirPortIsSet() {
        endpoints = endpoints(tls(null, null), new SyslogProperties.Tcp(null, "127.0.0.1", null));
        endpoints.start();

        assertThat(endpoints.tlsPort()).isEmpty();
        assertThat(endpoints.tcpPort()).isEmpty();
    }

    @Test
    void tlsWithoutClientCertificatesStoresEverythingAsTheDefaultInstitution() throws Exception {
        endpoints = endpoints(tls(0, DEFAULT), new SyslogProperties.Tcp(null, "127.0.0.1", null));
        endpoints.start();

        try (SSLSocket socket = (SSLSocket) pki.clientWithoutCertificate().getSocketFactory()
                .createSocket("127.0.0.1", endpoints.tlsPort().orElseThrow())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("11 <13>1 - - x".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (senders.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        assertThat(senders).containsExactly(DEFAULT);
    }

    @Test
    void tlsWithoutTruststoreOrDefaultInstitutionRefusesEveryConnection() throws Exception {
        endpoints = endpoints(tls(0, null), new SyslogProperties.Tcp(null, "127.0.0.1", null));
        endpoints.start();

        try (SSLSocket socket = (SSLSocket) pki.clientWithoutCertificate().getSocketFactory()
                .createSocket("127.0.0.1", endpoints.tlsPort().orElseThrow())) {
            socket.setSoTimeout(5000);
            assertThat(closedByServer(socket)).isTrue();
        }
        assertThat(senders).isEmpty();
    }

    @Test
    void tcpPortWithoutInstitutionIsAConfigurationError() {
        endpoints = endpoints(tls(null, null), new SyslogProperties.Tcp(0, "127.0.0.1", null));

        assertThatThrownBy(endpoints::start).hasMessageContaining("finres.events.syslog.tcp.institution");
    }

    private static SyslogProperties.Tls tls(Integer port, InstitutionId defaultInstitution) {
        return new SyslogProperties.Tls(port, "127.0.0.1", keystore, TestPki.PASSWORD, null, null, defaultInstitution);
    }

    private SyslogEndpoints endpoints(SyslogProperties.Tls tls, SyslogProperties.Tcp tcp) {
        SyslogProperties properties = new SyslogProperties(tls, tcp, 10, Duration.ofMillis(20), 8, Duration.ofMinutes(1),
                Duration.ofSeconds(5), DataSize.ofKilobytes(64));
        IntakeProperties limits = new IntakeProperties(2, 4, Duration.ofSeconds(1), 1000, DataSize.ofMegabytes(1), true);
        EventIntake intake = new EventIntake(null, null, null, null, null, limits, null, Clock.systemUTC(), meters, null) {
            @Override
            public IntakeResult accept(InstitutionId institution, String transport, List<IntakeRecord> records) {
                senders.add(institution);
                return new IntakeResult(records.size(), 0, 0, List.of());
            }
        };
        Institutions institutions = new Institutions(null, null, Clock.systemUTC()) {
            @Override
            public Optional<Institution> find(InstitutionId id) {
                return id.equals(DEFAULT) ? Optional.of(new Institution(id, "Default bank", InstitutionKind.BANK,
                        SizeTier.SMALL, Instant.EPOCH, Instant.EPOCH)) : Optional.empty();
            }
        };
        return new SyslogEndpoints(properties, intake, new IntakeGate(limits, meters), institutions, meters);
    }

    private static boolean closedByServer(Socket socket) {
        try {
            socket.getOutputStream().write("11 <13>1 - - x".getBytes(StandardCharsets.US_ASCII));
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException hungUp) {
            return true;
        }
    }
}
