package org.finres.warning.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signs webhook notices with the hub's Ed25519 key, made on first use and kept in the database. An asymmetric
 * signature means no shared secret per member: a member verifies with the hub's public key, and the hub stores
 * nothing a leak could use to forge a member's notices.
 */
@Component
public class WebhookSigner {

    private final PrivateKey key;
    private final byte[] publicKey;

    WebhookSigner(JdbcClient jdbc, Clock clock) {
        try {
            KeyPair fresh = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            jdbc.sql("""
                    insert into warning_webhook_key (id, private_key, public_key, created_at) values (1, :k, :p, :at)
                    on conflict (id) do nothing
                    """).param("k", fresh.getPrivate().getEncoded()).param("p", fresh.getPublic().getEncoded())
                    .param("at", Timestamp.from(clock.instant())).update();
            byte[] stored = jdbc.sql("select private_key from warning_webhook_key where id = 1").query(byte[].class)
                    .single();
            this.publicKey = jdbc.sql("select public_key from warning_webhook_key where id = 1").query(byte[].class)
                    .single();
            this.key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(stored));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    /** The public key, X.509 SubjectPublicKeyInfo, base64: what members configure to verify notices. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** {@code ed25519=<base64>} over {@code timestamp + "." + body}, so a replayed body with a new time fails. */
    public String sign(String timestamp, byte[] body) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            s.update((byte) '.');
            s.update(body);
            return "ed25519=" + Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
