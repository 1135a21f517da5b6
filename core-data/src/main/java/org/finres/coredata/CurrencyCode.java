package org.finres.coredata;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * An ISO 4217 alphabetic currency code, and the scale its amounts are kept at: the currency's ISO 4217 minor unit
 * (TWD 2, JPY 0, USD 2, KWD 3). Amounts are parsed from their decimal text only, never through a double.
 */
public record CurrencyCode(String value) implements Comparable<CurrencyCode> {

    /** Plain decimal notation: optional minus, digits, optional fraction. No exponent, no plus, no grouping. */
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,27})(\\.[0-9]{1,18})?");

    public CurrencyCode {
        if (value == null || !value.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be three upper-case letters (ISO 4217), got " + quote(value));
        }
        Currency currency;
        try {
            currency = Currency.getInstance(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency " + quote(value));
        }
        if (currency.getDefaultFractionDigits() < 0) {
            // XAU, XDR and friends have no minor unit: they are not account currencies.
            throw new IllegalArgumentException("currency " + value + " has no ISO 4217 minor unit");
        }
    }

    public static CurrencyCode of(String value) {
        return new CurrencyCode(value);
    }

    /** Digits after the decimal point that amounts in this currency carry (the ISO 4217 minor unit). */
    public int scale() {
        return Currency.getInstance(value).getDefaultFractionDigits();
    }

    /**
     * Parses a plain decimal amount and brings it to this currency's scale. "100" and "100.5" become 100.00 and
     * 100.50 in TWD; "100.005" is refused (it would need rounding), as are exponents, "+1", "1,000" and "NaN".
     */
    public BigDecimal amount(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("amount " + quote(text) + " is not a plain decimal number");
        }
        BigDecimal parsed = new BigDecimal(text);
        if (parsed.scale() > scale() && parsed.stripTrailingZeros().scale() > scale()) {
            throw new IllegalArgumentException("amount " + text + " has more than the " + scale()
                    + " decimal places of " + value);
        }
        return parsed.setScale(scale());
    }

    /** Checks that an amount already has this currency's scale exactly (the invariant of every record). */
    public BigDecimal requireScale(BigDecimal amount, String field) {
        if (amount == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (amount.scale() != scale()) {
            throw new IllegalArgumentException(field + " " + amount.toPlainString() + " must have exactly " + scale()
                    + " decimal places for " + value);
        }
        return amount;
    }

    /** The canonical text of an amount in this currency: plain notation at the currency's scale. */
    public String format(BigDecimal amount) {
        return amount.setScale(scale()).toPlainString();
    }

    @Override
    public int compareTo(CurrencyCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    static String quote(String s) {
        return s == null ? "nothing" : "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
}
