package org.finres.coredata;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The money control totals of one business date, per currency. {@link #asMap()} gives them as the flat
 * key/value map that {@code dataset.json}, attestations and drills carry:
 * <ul>
 *   <li>{@code opening_balance.<CCY>}: sum of the opening balances of the accounts in that currency</li>
 *   <li>{@code closing_balance.<CCY>}: sum of the closing balances</li>
 *   <li>{@code available_balance.<CCY>}: sum of the available balances</li>
 *   <li>{@code debits.<CCY>}: sum of the debit transactions' amounts (a non-negative number)</li>
 *   <li>{@code credits.<CCY>}: sum of the credit transactions' amounts</li>
 * </ul>
 * Values are plain decimal strings at the currency's scale ("123456789.00"; JPY "1200"); every key is present for
 * every currency that occurs in the dataset.
 */
public record ControlTotals(SortedMap<CurrencyCode, CurrencyTotals> byCurrency) {

    public static final String OPENING = "opening_balance";
    public static final String CLOSING = "closing_balance";
    public static final String AVAILABLE = "available_balance";
    public static final String DEBITS = "debits";
    public static final String CREDITS = "credits";
    private static final String[] KINDS = {OPENING, CLOSING, AVAILABLE, DEBITS, CREDITS};

    public ControlTotals {
        byCurrency = Collections.unmodifiableSortedMap(new TreeMap<>(byCurrency));
    }

    /** The totals of one currency, each at the currency's scale. */
    public record CurrencyTotals(BigDecimal opening, BigDecimal closing, BigDecimal available, BigDecimal debits,
            BigDecimal credits) {
    }

    /** The flat map described above, keys sorted. */
    public Map<String, String> asMap() {
        Map<String, String> out = new TreeMap<>();
        byCurrency.forEach((currency, t) -> {
            out.put(OPENING + "." + currency, currency.format(t.opening()));
            out.put(CLOSING + "." + currency, currency.format(t.closing()));
            out.put(AVAILABLE + "." + currency, currency.format(t.available()));
            out.put(DEBITS + "." + currency, currency.format(t.debits()));
            out.put(CREDITS + "." + currency, currency.format(t.credits()));
        });
        return Collections.unmodifiableMap(out);
    }

    /** Reads the flat map back; refuses unknown keys, malformed amounts and a currency with a key missing. */
    public static ControlTotals fromMap(Map<String, String> map) {
        Map<CurrencyCode, Map<String, BigDecimal>> parts = new TreeMap<>();
        map.forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            String kind = dot < 0 ? key : key.substring(0, dot);
            if (dot < 0 || !java.util.List.of(KINDS).contains(kind)) {
                throw new IllegalArgumentException("unknown control total " + CurrencyCode.quote(key));
            }
            CurrencyCode currency = CurrencyCode.of(key.substring(dot + 1));
            BigDecimal amount;
            try {
                amount = currency.amount(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("control total " + key + ": " + e.getMessage());
            }
            parts.computeIfAbsent(currency, c -> new LinkedHashMap<>()).put(kind, amount);
        });
        SortedMap<CurrencyCode, CurrencyTotals> out = new TreeMap<>();
        parts.forEach((currency, p) -> {
            for (String kind : KINDS) {
                if (!p.containsKey(kind)) {
                    throw new IllegalArgumentException("control total " + kind + "." + currency + " is missing");
                }
            }
            out.put(currency, new CurrencyTotals(p.get(OPENING), p.get(CLOSING), p.get(AVAILABLE), p.get(DEBITS),
                    p.get(CREDITS)));
        });
        return new ControlTotals(out);
    }

    /** Adds records up as they stream past (the writer and the validator both use it). */
    static final class Tally {
        private final Map<CurrencyCode, BigDecimal[]> sums = new TreeMap<>();

        private BigDecimal[] of(CurrencyCode currency) {
            return sums.computeIfAbsent(currency, c -> {
                BigDecimal zero = BigDecimal.ZERO.setScale(c.scale());
                return new BigDecimal[] {zero, zero, zero, zero, zero};
            });
        }

        void add(Balance b) {
            BigDecimal[] s = of(b.currency());
            s[0] = s[0].add(b.opening());
            s[1] = s[1].add(b.closing());
            s[2] = s[2].add(b.available());
        }

        void add(Transaction t) {
            BigDecimal[] s = of(t.currency());
            if (t.direction() == Direction.DEBIT) {
                s[3] = s[3].add(t.amount());
            } else {
                s[4] = s[4].add(t.amount());
            }
        }

        /** Makes a currency appear in the totals (all zero) though it has no balance or transaction yet. */
        void touch(CurrencyCode currency) {
            of(currency);
        }

        ControlTotals totals() {
            SortedMap<CurrencyCode, CurrencyTotals> out = new TreeMap<>();
            sums.forEach((c, s) -> out.put(c, new CurrencyTotals(s[0], s[1], s[2], s[3], s[4])));
            return new ControlTotals(out);
        }
    }
}
