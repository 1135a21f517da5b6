package org.finres.events.internal.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.events.internal.intake.EventIntake;
import org.finres.events.internal.intake.IntakeGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The hub's syslog endpoints: syslog over TLS and plain TCP, each started only when its port is configured. They
 * start with the application and, on shutdown, stop accepting first and let open connections deliver the frames
 * they have read before the intake goes away.
 */
@Component
public class SyslogEndpoints implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogEndpoints.class);
    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final int BACKLOG = 128;
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final SyslogProperties properties;
    private final EventIntake intake;
    private final IntakeGate gate;
    private final Institutions institutions;
    private final MeterRegistry meters;
    private SyslogListener tls;
    private SyslogListener tcp;
    private volatile boolean running;

    public SyslogEndpoints(SyslogProperties properties, EventIntake intake, IntakeGate gate, Institutions institutions,
                           MeterRegistry meters) {
        this.properties = properties;
        this.intake = intake;
        this.gate = gate;
        this.institutions = institutions;
        this.meters = meters;
    }

    /** The TLS listener's bound port, when it runs. */
    public OptionalInt tlsPort() {
        SyslogListener listener = tls;
        return listener == null ? OptionalInt.empty() : OptionalInt.of(listener.port());
    }

    /** The plain TCP listener's bound port, when it runs. */
    public OptionalInt tcpPort() {
        SyslogListener listener = tcp;
        return listener == null ? OptionalInt.empty() : OptionalInt.of(listener.port());
    }

    @Override
    public synchronized void start() {
        try {
            if (properties.tls().enabled()) {
                tls = new SyslogListener(SyslogTransport.TLS, tlsServer(properties.tls()), this::tlsVerdict,
                        properties, intake, gate, meters);
                tls.start();
            }
            if (properties.tcp().enabled()) {
                InstitutionId lab = properties.tcp().institution();
                if (lab == null) {
                    throw new IllegalStateException("finres.events.syslog.tcp.port is set but "
                            + "finres.events.syslog.tcp.institution is not: plain TCP has no way to tell who sends");
                }
                ServerSocket server = new ServerSocket();
                server.bind(new InetSocketAddress(InetAddress.getByName(properties.tcp().bindAddress()),
                        properties.tcp().port()), BACKLOG);
                tcp = new SyslogListener(SyslogTransport.TCP, server, socket -> known(lab, "plain TCP listener's institution"),
                        properties, intake, gate, meters);
                tcp.start();
                LOG.warn("syslog-tcp: plain TCP is unencrypted and unauthenticated; every event on port {} is stored "
                        + "as institution {}. Use it in labs only.", tcp.port(), lab);
            }
            running = true;
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("cannot open a syslog listener", e);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        // Both stop accepting first, then share one grace period, so shutdown waits at most GRACE in all.
        List<SyslogListener> listeners = Stream.of(tls, tcp).filter(Objects::nonNull).toList();
        listeners.forEach(SyslogListener::stopAccepting);
        long deadline = System.nanoTime() + GRACE.toNanos();
        listeners.forEach(listener -> listener.awaitConnections(deadline));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private ServerSocket tlsServer(SyslogProperties.Tls config) throws IOException {
        if (config.keystore() == null) {
            throw new IllegalStateException("finres.events.syslog.tls.port is set but finres.events.syslog.tls.keystore "
                    + "(a PKCS12 file with the server certificate) is not");
        }
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(config.keystore(), config.keystorePassword()), chars(config.keystorePassword()));
            TrustManagerFactory trust = null;
            if (config.mutual()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(config.truststore(), config.truststorePassword()));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            server.setEnabledProtocols(TLS_PROTOCOLS);
            server.setNeedClientAuth(config.mutual());
            InetAddress address = config.bindAddress() == null || config.bindAddress().isBlank() ? null
                    : InetAddress.getByName(config.bindAddress());
            server.bind(new InetSocketAddress(address, config.port()), BACKLOG);
            if (config.mutual()) {
                LOG.info("syslog-tls: mutual TLS; each connection's institution is its client certificate's CN "
                        + "(or first DNS name)");
            } else if (config.defaultInstitution() != null) {
                LOG.warn("syslog-tls: no truststore, so no client certificates: every event on port {} is stored as "
                        + "institution {}", server.getLocalPort(), config.defaultInstitution());
            } else {
                LOG.warn("syslog-tls: neither finres.events.syslog.tls.truststore (mutual TLS) nor "
                        + "finres.events.syslog.tls.default-institution is set: EVERY connection on port {} will be "
                        + "refused, since there is no way to tell which institution sends", server.getLocalPort());
            }
            return server;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("syslog-tls: cannot use the keystore or truststore: " + e.getMessage(), e);
        }
    }

    /** Runs on the connection's own thread, so a slow handshake holds up nobody else. */
    private ConnectionVerdict tlsVerdict(Socket socket) {
        SSLSocket ssl = (SSLSocket) socket;
        SyslogProperties.Tls config = properties.tls();
        try {
            ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, properties.handshakeTimeout().toMillis()));
            ssl.startHandshake();
            if (!config.mutual()) {
                return config.defaultInstitution() == null
                        ? new ConnectionVerdict.Refused("no client certificates are required and no "
                        + "finres.events.syslog.tls.default-institution is set")
                        : known(config.defaultInstitution(), "default institution, no client certificate");
            }
            Certificate[] chain = ssl.getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
                return new ConnectionVerdict.Refused("no X.509 client certificate");
            }
            Optional<String> claimed = new CertificateInstitution(certificate).claimed();
            if (claimed.isEmpty()) {
                return new ConnectionVerdict.Refused("client certificate " + certificate.getSubjectX500Principal()
                        + " names no institution (no CN, no DNS name)");
            }
            InstitutionId id;
            try {
                id = InstitutionId.of(claimed.get());
            } catch (InvalidInputException e) {
                return new ConnectionVerdict.Refused("client certificate " + certificate.getSubjectX500Principal()
                        + " does not name an institution id");
            }
            return known(id, "client certificate " + certificate.getSubjectX500Principal());
        } catch (SSLException e) {
            return new ConnectionVerdict.Refused("TLS handshake failed: " + e.getMessage());
        } catch (IOException e) {
            return new ConnectionVerdict.Refused("TLS handshake did not complete: " + e);
        }
    }

    private ConnectionVerdict known(InstitutionId id, String how) {
        return institutions.find(id).isPresent() ? new ConnectionVerdict.Admitted(id, how)
                : new ConnectionVerdict.Refused("institution " + id + " (" + how + ") does not exist");
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, chars(password));
        }
        return store;
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }
}
