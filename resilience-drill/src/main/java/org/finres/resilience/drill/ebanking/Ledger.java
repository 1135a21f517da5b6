package org.finres.resilience.drill.ebanking;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Balances and committed transfers, rebuilt from the journal. Every node starts from the same opening balances
 * ({@link #OPENING}), so the journal alone decides the state. Not thread-safe: the node serialises writes.
 */
final class Ledger {

    /** The opening balances of the exercise bank. */
    static final Map<String, BigDecimal> OPENING = Map.of(
            "alice", new BigDecimal("1000000.00"),
            "bob", new BigDecimal("5000.00"),
            "carol", new BigDecimal("0.00"));

    private final Map<String, BigDecimal> balances = new TreeMap<>(OPENING);
    private final Map<String, Transfer> transfers = new LinkedHashMap<>();

    /** What a transfer request would do; nothing changes until {@link #apply}. */
    sealed interface Decision {
        record Accept(Transfer transfer) implements Decision { }

        record AlreadyCommitted(Transfer existing) implements Decision { }

        record Refuse(int status, String title, String detail) implements Decision { }
    }

    Decision decide(Transfer t) {
        Transfer existing = transfers.get(t.id());
        if (existing != null) {
            return existing.sameRequest(t) ? new Decision.AlreadyCommitted(existing)
                    : new Decision.Refuse(409, "transfer id reused", "transfer " + t.id() + " was already "
                            + "committed as " + existing.amount().toPlainString() + " from " + existing.from()
                            + " to " + existing.to() + "; a retry must repeat the same request");
        }
        if (!balances.containsKey(t.from())) {
            return new Decision.Refuse(422, "unknown account", "account " + t.from() + " does not exist (known: "
                    + String.join(", ", balances.keySet()) + ")");
        }
        if (!balances.containsKey(t.to())) {
            return new Decision.Refuse(422, "unknown account", "account " + t.to() + " does not exist (known: "
                    + String.join(", ", balances.keySet()) + ")");
        }
        if (t.from().equals(t.to())) {
            return new Decision.Refuse(422, "same account", "a transfer needs two different accounts, both are "
                    + t.from());
        }
        BigDecimal balance = balances.get(t.from());
        if (balance.compareTo(t.amount()) < 0) {
            return new Decision.Refuse(422, "insufficient funds", "account " + t.from() + " has "
                    + balance.toPlainString() + ", the transfer needs " + t.amount().toPlainString()
                    + " (no overdraft)");
        }
        return new Decision.Accept(t);
    }

    /** Applies a transfer already decided or replicated; a replicated duplicate is ignored. */
    void apply(Transfer t) {
        if (transfers.containsKey(t.id())) {
            return;
        }
        balances.merge(t.from(), t.amount().negate(), BigDecimal::add);
        balances.merge(t.to(), t.amount(), BigDecimal::add);
        transfers.put(t.id(), t);
    }

    BigDecimal balance(String account) {
        return balances.get(account);
    }

    Map<String, BigDecimal> balances() {
        return Map.copyOf(balances);
    }

    List<Transfer> transfers() {
        return new ArrayList<>(transfers.values());
    }

    int size() {
        return transfers.size();
    }
}
