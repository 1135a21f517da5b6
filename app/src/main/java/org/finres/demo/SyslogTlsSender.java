package org.finres.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A simulated SOC's syslog-over-TLS forwarder (RFC 5425): mutual TLS with the institution's client certificate,
 * octet-counting frames, one long-lived connection reopened after a failure.
 */
final class SyslogTlsSender implements AutoCloseable {

    private final int port;
    private final SSLContext context;
    private SSLSocket socket;

    SyslogTlsSender(int port, Path clientKeystore, Path truststore, String password) {
        this.port = port;
        try {
            KeyStore keys = load(clientKeystore, password);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(truststore, password));
            context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the demo syslog-TLS client: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    synchronized void send(List<String> messages) throws IOException {
        if (socket == null || socket.isClosed()) {
            socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
            socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            socket.startHandshake();
        }
        try {
            OutputStream out = socket.getOutputStream();
            for (String message : messages) {
                byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
            }
            out.flush();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a broken connection: nothing more to do.
            }
            socket = null;
        }
    }
}
