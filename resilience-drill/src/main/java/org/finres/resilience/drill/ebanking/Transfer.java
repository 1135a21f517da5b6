package org.finres.resilience.drill.ebanking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Pattern;

/** A committed transfer: the client's id (which makes it idempotent), the accounts, the amount, when committed. */
public record Transfer(String id, String from, String to, BigDecimal amount, Instant committedAt) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    public Transfer {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a transfer id is 1 to 100 letters, digits and . _ : -");
        }
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2) {
            throw new IllegalArgumentException("an amount is positive with at most two decimals");
        }
    }

    /** Whether {@code other} asks for the same movement of money (a retry), whatever its commit time. */
    boolean sameRequest(Transfer other) {
        return id.equals(other.id) && from.equals(other.from) && to.equals(other.to)
                && amount.compareTo(other.amount) == 0;
    }
}
