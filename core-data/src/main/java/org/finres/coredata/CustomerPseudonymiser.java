package org.finres.coredata;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns an institution's own customer reference (national id, CIF number) into the customer id of the format:
 * {@code "cu-"} + the first 128 bits of HMAC-SHA-256(institution secret, normalised reference) in hex. The same
 * customer gets the same id every night, so datasets link across business dates, while nobody without the secret
 * can test whether a given national id is in the vault (a plain hash of a 10-character id is brute-forced in
 * seconds). 128 bits keeps accidental collisions out of reach for any realistic number of customers.
 */
public final class CustomerPseudonymiser {

    /** Shorter secrets would make the HMAC key guessable; 32 bytes is the HMAC-SHA-256 block-strength choice. */
    public static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec key;
    /** Mac.getInstance costs more than the HMAC of a short reference; one initialised Mac per thread. */
    private final ThreadLocal<Mac> macs;

    public CustomerPseudonymiser(byte[] institutionSecret) {
        if (institutionSecret == null || institutionSecret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the pseudonymisation secret must have at least " + MIN_SECRET_BYTES
                    + " bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(institutionSecret, institutionSecret.length), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        });
    }

    /** The customer id for a reference; upper-cased and stripped first so "a123 " and "A123" are one customer. */
    public String pseudonym(String customerReference) {
        if (customerReference == null || customerReference.isBlank()) {
            throw new IllegalArgumentException("customer reference is missing");
        }
        String normalised = customerReference.strip().toUpperCase(Locale.ROOT);
        byte[] digest = macs.get().doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        return "cu-" + HexFormat.of().formatHex(digest, 0, 16);
    }
}
