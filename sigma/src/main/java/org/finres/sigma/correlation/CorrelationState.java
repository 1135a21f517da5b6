package org.finres.sigma.correlation;

import java.util.List;

/**
 * The exportable correlation state: per correlation rule (by label) its groups and remembered events. It holds no
 * raw events, only what the windows need (time, member slot, value, event index, input name).
 */
public record CorrelationState(int version, long maxTime, List<Rule> correlations) {

    public static final int VERSION = 1;

    public CorrelationState {
        correlations = correlations == null ? List.of() : List.copyOf(correlations);
    }

    public record Rule(String correlation, List<Group> groups) {
        public Rule {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    public record Group(List<String> key, List<Entry> entries) {
        public Group {
            key = List.copyOf(key);
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    public record Entry(long time, int slot, String value, double number, long eventIndex, String input) {}
}
