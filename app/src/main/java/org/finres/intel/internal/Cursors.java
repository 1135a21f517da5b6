package org.finres.intel.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.finres.core.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opaque paging cursors: the keyset position (date_added in microseconds, sequence) with an HMAC over it and the
 * request's context (collection, endpoint, caller, filters). A cursor forged, altered, or taken from another
 * collection, endpoint, caller or filter set is refused; it could only ever move the start of a keyset scan
 * that still applies the caller's own visibility, but refusing it says so rather than silently paging elsewhere.
 */
@Component
public class Cursors {

    /** Where a page ended. */
    public record Position(long dateAddedMicros, long seq) {
    }

    private static final int MAC_BYTES = 16;

    private final byte[] key;

    Cursors(JdbcClient jdbc) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into intel_cursor_key (id, secret) values (1, :secret) on conflict (id) do nothing")
                .param("secret", fresh).update();
        this.key = jdbc.sql("select secret from intel_cursor_key where id = 1").query(byte[].class).single();
    }

    public String encode(Position position, String context) {
        ByteBuffer b = ByteBuffer.allocate(16 + MAC_BYTES);
        b.putLong(position.dateAddedMicros()).putLong(position.seq());
        b.put(mac(Arrays.copyOf(b.array(), 16), context));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    public Position decode(String cursor, String context) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (raw.length != 16 + MAC_BYTES) {
            throw invalid();
        }
        byte[] expected = mac(Arrays.copyOf(raw, 16), context);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, 16, raw.length))) {
            throw invalid();
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        return new Position(b.getLong(), b.getLong());
    }

    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException("next", "is not a cursor this server issued for this collection, endpoint, "
                + "caller and filters");
    }

    private byte[] mac(byte[] position, String context) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(context.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(position), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
