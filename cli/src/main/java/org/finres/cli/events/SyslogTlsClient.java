package org.finres.cli.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends batches as RFC 5425 syslog over TLS: octet-counting frames on one connection, mutual TLS with the
 * institution's client certificate (the hub takes the institution from it). Syslog has no receipts: a batch counts
 * as delivered once the TLS connection has taken its bytes; a broken connection is reopened and the batch sent
 * again, which the hub's deduplication makes harmless.
 */
final class SyslogTlsClient implements EventSink {

    private final String host;
    private final int port;
    private final SSLContext context;
    private final int retries;
    private final Duration backoff;
    private final Consumer<String> notice;
    private SSLSocket socket;

    SyslogTlsClient(String host, int port, Path keystore, char[] keystorePassword, Path truststore,
                    char[] truststorePassword, int retries, Duration backoff, Consumer<String> notice) {
        this.host = host;
        this.port = port;
        this.retries = retries;
        this.backoff = backoff;
        this.notice = notice;
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keystore, keystorePassword, "--keystore"), keystorePassword);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(truststore == null ? null : load(truststore, truststorePassword, "--truststore"));
            context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the certificates: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password, String option) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read as PKCS12 (wrong file or password?): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Acknowledgement send(Batch batch) {
        byte[] frames = frames(batch);
        for (int attempt = 0; ; attempt++) {
            try {
                if (socket == null) {
                    socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
                    socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    socket.startHandshake();
                }
                OutputStream out = socket.getOutputStream();
                out.write(frames);
                out.flush();
                return new Acknowledgement(batch.events(), 0, 0, List.of());
            } catch (IOException e) {
                close();
                if (attempt >= retries) {
                    throw new IntakeFailed(org.finres.cli.ExitStatus.UNAVAILABLE, "syslog-TLS to " + host + ":" + port + " failed: "
                            + e.getMessage(), e);
                }
                Duration wait = backoff.multipliedBy(1L << Math.min(attempt, 6));
                notice.accept("syslog-TLS connection failed (" + e.getMessage() + "); retrying in " + wait.toMillis() + " ms");
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IntakeFailed(org.finres.cli.ExitStatus.UNAVAILABLE, "interrupted while waiting to resend", interrupted);
                }
            }
        }
    }

    /** The batch's NDJSON lines as octet-counting frames ("LEN SP MSG"). */
    static byte[] frames(Batch batch) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(batch.body()))) {
            byte[] lines = in.readAllBytes();
            ByteArrayOutputStream out = new ByteArrayOutputStream(lines.length + batch.events() * 8);
            int start = 0;
            for (int i = 0; i <= lines.length; i++) {
                if (i == lines.length || lines[i] == '\n') {
                    int end = i > start && lines[i - 1] == '\r' ? i - 1 : i;
                    if (end > start) {
                        out.write((end - start + " ").getBytes(StandardCharsets.US_ASCII));
                        out.write(lines, start, end - start);
                    }
                    start = i + 1;
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean receipts() {
        return false;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // The connection is being dropped anyway.
            }
            socket = null;
        }
    }
}
