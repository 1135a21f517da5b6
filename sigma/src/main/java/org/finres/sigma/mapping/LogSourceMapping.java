package org.finres.sigma.mapping;

import org.finres.sigma.rule.LogSource;

import java.util.List;
import java.util.Map;

/**
 * One way a log source appears in the events: rules whose log source this entry covers apply to events satisfying
 * {@code conditions} (each field equals one of its values, case-insensitively), reading Sigma fields through
 * {@code fields} first and the pipeline's global field map second.
 */
public record LogSourceMapping(String name, LogSource match, Map<String, List<String>> conditions,
                               Map<String, List<String>> fields) {
    public LogSourceMapping {
        conditions = Map.copyOf(conditions);
        fields = Map.copyOf(fields);
    }

    /**
     * True when this entry applies to a rule's log source: every attribute the entry names has the rule's value, and
     * the entry names every category and service the rule sets (so a category-specific rule never falls back to a
     * product-wide entry that would widen it).
     */
    public boolean appliesTo(LogSource rule) {
        if (!match.isCoveredBy(rule)) return false;
        return (rule.category() == null || match.category() != null)
                && (rule.service() == null || match.service() != null);
    }
}
