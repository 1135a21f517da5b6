package org.finres.sigma.match;

import org.finres.sigma.event.EventView;
import org.finres.sigma.mapping.LogSourceMapping;
import org.finres.sigma.rule.SigmaRule;

import java.util.List;

/**
 * A detection rule compiled for a pipeline: one variant per log-source entry that applies (OR-ed). {@code ordinal}
 * numbers rules densely so evaluation can keep per-rule marks in arrays.
 */
public record CompiledRule(SigmaRule rule, int ordinal, List<Variant> variants) {

    public CompiledRule {
        variants = List.copyOf(variants);
    }

    /** The rule under one entry: the entry's event predicate, the mapped detection, and the mapped meta filters. */
    public record Variant(SigmaRule rule, int ruleOrdinal, int number, LogSourceMapping entry, Expr predicate,
                          Expr detection, Expr[] filters) {

        public boolean matches(EventView e) {
            if (!predicate.matches(e) || !detection.matches(e)) return false;
            for (Expr f : filters) if (f.matches(e)) return false;
            return true;
        }

        @Override
        public String toString() {
            return rule.label() + (entry == null ? "" : "@" + entry.name());
        }
    }

    /** The first variant that matches, or null. */
    public Variant match(EventView e) {
        for (Variant v : variants) if (v.matches(e)) return v;
        return null;
    }
}
