package org.finres.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo's own small PKI, made once per data folder: a CA, the hub's syslog-TLS server certificate and one
 * client certificate per demo institution (CN = institution id), so the simulated SOCs can forward over mutual TLS
 * exactly as real ones would. Demo material only: the keystores share one random password kept beside them,
 * readable by the owner alone.
 */
public final class DemoPki {

    /** Where the material is. {@code clients} maps institution ids to their PKCS12 keystores. */
    public record Material(Path serverKeystore, Path truststore, String password, Map<String, Path> clients) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoPki() {
    }

    /** The demo institutions whose SOCs get client certificates. */
    public static List<String> demoInstitutions() {
        return DemoSector.MEMBERS.stream().map(DemoSector.Member::id).toList();
    }

    /** Returns the material in {@code dir}, creating what is missing. */
    public static Material ensure(Path dir, List<String> institutions) {
        try {
            Files.createDirectories(dir);
            Path passwordFile = dir.resolve("password");
            Path server = dir.resolve("server.p12");
            Path trust = dir.resolve("ca.p12");
            Map<String, Path> clients = new LinkedHashMap<>();
            institutions.forEach(id -> clients.put(id, dir.resolve("client-" + id + ".p12")));
            boolean complete = Files.exists(passwordFile) && Files.exists(server) && Files.exists(trust)
                    && clients.values().stream().allMatch(Files::exists);
            if (complete) {
                return new Material(server, trust, Files.readString(passwordFile).strip(), clients);
            }
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(RANDOM.generateSeed(18));
            Files.writeString(passwordFile, password, StandardCharsets.US_ASCII);
            restrict(passwordFile);
            KeyPair caKeys = keys();
            X509Certificate ca = certificate("CN=FinRes demo CA", caKeys, "CN=FinRes demo CA", caKeys, true, null, null);
            KeyPair serverKeys = keys();
            X509Certificate serverCert = certificate("CN=localhost", serverKeys, "CN=FinRes demo CA", caKeys, false,
                    KeyPurposeId.id_kp_serverAuth, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            store(server, "server", serverKeys, new Certificate[] {serverCert, ca}, password);
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("ca", ca);
            write(trust, trustStore, password);
            for (Map.Entry<String, Path> client : clients.entrySet()) {
                KeyPair clientKeys = keys();
                X509Certificate cert = certificate("CN=" + client.getKey(), clientKeys, "CN=FinRes demo CA", caKeys, false,
                        KeyPurposeId.id_kp_clientAuth, null);
                store(client.getValue(), "client", clientKeys, new Certificate[] {cert, ca}, password);
            }
            return new Material(server, trust, password, clients);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo PKI in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the demo PKI: " + e.getMessage(), e);
        }
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                               boolean ca, KeyPurposeId purpose, GeneralNames names)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(ca ? 3650 : 825))), new X500Name(subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        if (purpose != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (names != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, names);
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static void store(Path file, String alias, KeyPair keys, Certificate[] chain, String password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, keys.getPrivate(), password.toCharArray(), chain);
        write(file, store, password);
    }

    private static void write(Path file, KeyStore store, String password) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        restrict(file);
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: the folder's own permissions protect the files.
        }
    }
}
