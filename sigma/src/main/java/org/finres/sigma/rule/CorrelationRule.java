package org.finres.sigma.rule;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A correlation rule. {@code rules} holds ids or names of detection or correlation rules; {@code aliases} maps an
 * alias to, per referenced rule name, the field that carries it.
 */
public record CorrelationRule(String id, String name, String title, String status, String description, Level level,
                              CorrelationType type, List<String> rules, List<String> groupBy, Duration timespan,
                              Threshold threshold, List<String> valueFields, Map<String, Map<String, String>> aliases,
                              boolean generate, List<String> tags, Origin origin) implements SigmaDocument {

    public CorrelationRule {
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        valueFields = List.copyOf(valueFields);
        aliases = Map.copyOf(aliases);
        tags = List.copyOf(tags);
    }

    /** The seven correlation types of the specification. */
    public enum CorrelationType {
        EVENT_COUNT("event_count"), VALUE_COUNT("value_count"), TEMPORAL("temporal"),
        TEMPORAL_ORDERED("temporal_ordered"), VALUE_SUM("value_sum"), VALUE_AVG("value_avg"),
        VALUE_PERCENTILE("value_percentile");

        private final String token;

        CorrelationType(String token) { this.token = token; }

        public String token() { return token; }

        static CorrelationType fromToken(String t) {
            for (CorrelationType c : values()) if (c.token.equals(t)) return c;
            return null;
        }

        /** Types whose condition needs a {@code field}. */
        public boolean needsField() {
            return this == VALUE_COUNT || this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
        }
    }

    /** Comparison operators of a correlation condition. */
    public enum Operator {
        GT("gt"), GTE("gte"), LT("lt"), LTE("lte"), EQ("eq"), NEQ("neq");

        private final String token;

        Operator(String token) { this.token = token; }

        public String token() { return token; }

        static Operator fromToken(String t) {
            for (Operator o : values()) if (o.token.equals(t)) return o;
            return null;
        }

        public boolean test(double actual, double limit) {
            return switch (this) {
                case GT -> actual > limit;
                case GTE -> actual >= limit;
                case LT -> actual < limit;
                case LTE -> actual <= limit;
                case EQ -> actual == limit;
                case NEQ -> actual != limit;
            };
        }
    }

    /** One criterion of the condition. */
    public record Criterion(Operator operator, double value) {}

    /** The criteria, linked with AND; empty for temporal types without a condition. */
    public record Threshold(List<Criterion> criteria) {
        public Threshold { criteria = List.copyOf(criteria); }

        public boolean test(double actual) {
            for (Criterion c : criteria) if (!c.operator().test(actual, c.value())) return false;
            return true;
        }

        /**
         * True when every criterion is a lower bound: the aggregate can then only start to satisfy it as events arrive,
         * so it may be decided as soon as it holds instead of when the window closes.
         */
        public boolean isLowerBoundOnly() {
            for (Criterion c : criteria)
                if (c.operator() != Operator.GT && c.operator() != Operator.GTE) return false;
            return true;
        }
    }
}
