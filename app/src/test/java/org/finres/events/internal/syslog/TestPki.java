package org.finres.events.internal.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority for tests, made with the JDK's keytool (Bouncy Castle's PKIX part is not on
 * the class path): a CA, a server keystore signed by it, its truststore, and client certificates on demand.
 */
final class TestPki {

    static final String PASSWORD = "test-only-password";

    private final Path dir;
    private final X509Certificate ca;

    private TestPki(Path dir) throws Exception {
        this.dir = dir;
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=FinRes test client CA", "-ext", "bc:c",
                "-validity", "2", "-keystore", file("ca.p12"), "-storetype", "PKCS12", "-storepass", PASSWORD);
        this.ca = (X509Certificate) load(dir.resolve("ca.p12")).getCertificate("ca");
    }

    static TestPki create() throws Exception {
        return new TestPki(Files.createTempDirectory("finres-syslog-pki"));
    }

    /** A PKCS12 keystore with a server key and its CA-signed certificate for localhost and 127.0.0.1. */
    Path serverKeystore() throws Exception {
        return keystore("server", "CN=localhost", "san=dns:localhost,ip:127.0.0.1");
    }

    /** A PKCS12 file holding the CA certificate as a trusted entry. */
    Path truststore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        return save(store, "truststore.p12");
    }

    /** A client that trusts the CA and presents a CA-signed certificate with this subject CN. */
    SSLContext client(String commonName) throws Exception {
        return context(load(keystore("client-" + UUID.randomUUID(), "CN=" + commonName + ",O=FinRes tests", null)));
    }

    /** A self-signed certificate with this subject and, when given, this keytool extension. */
    X509Certificate selfSigned(String dname, String extension) throws Exception {
        String alias = "self-" + UUID.randomUUID();
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-dname", dname,
                "-validity", "2", "-keystore", file(alias + ".p12"), "-storetype", "PKCS12", "-storepass", PASSWORD));
        if (extension != null) {
            args.addAll(List.of("-ext", extension));
        }
        keytool(args.toArray(String[]::new));
        return (X509Certificate) load(dir.resolve(alias + ".p12")).getCertificate(alias);
    }

    /** A client that trusts the CA and presents no certificate. */
    SSLContext clientWithoutCertificate() throws Exception {
        return context(null);
    }

    private SSLContext context(KeyStore keys) throws GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try {
            trusted.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManagerFactory keyManagers = null;
        if (keys != null) {
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD.toCharArray());
        }
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** keytool makes the key and the CA signs its request; the signed chain is put together here. */
    private Path keystore(String alias, String dname, String extension) throws Exception {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-dname", dname, "-validity", "2",
                "-keystore", file(alias + "-key.p12"), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", alias, "-keystore", file(alias + "-key.p12"), "-storepass", PASSWORD,
                "-file", file(alias + ".csr"));
        List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", file("ca.p12"),
                "-storepass", PASSWORD, "-infile", file(alias + ".csr"), "-outfile", file(alias + ".crt"),
                "-validity", "2", "-rfc"));
        if (extension != null) {
            sign.addAll(List.of("-ext", extension));
        }
        keytool(sign.toArray(String[]::new));
        PrivateKey key = (PrivateKey) load(dir.resolve(alias + "-key.p12")).getKey(alias, PASSWORD.toCharArray());
        Certificate signed;
        try (InputStream in = Files.newInputStream(dir.resolve(alias + ".crt"))) {
            signed = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, PASSWORD.toCharArray(), new Certificate[]{signed, ca});
        return save(store, alias + ".p12");
    }

    private Path save(KeyStore store, String name) throws Exception {
        Path path = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return path;
    }

    private static KeyStore load(Path path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.add("-J-XX:TieredStopAtLevel=1");
        command.add("-noprompt");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
