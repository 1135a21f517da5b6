package org.finres.stix.pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A parsed STIX pattern: observation expressions combined with AND, OR and FOLLOWEDBY, possibly qualified. Built by
 * {@link PatternParser}; evaluated by {@link PatternMatcher}.
 */
public sealed interface StixPattern {

    /** {@code [ comparison ]}: what one observation must contain. */
    record Observation(Comparison comparison) implements StixPattern {}

    /** Observation expressions joined by one operator, left to right. */
    record Combined(Join join, List<StixPattern> operands) implements StixPattern {
        public Combined {
            operands = List.copyOf(operands);
        }
    }

    record Qualified(StixPattern pattern, Qualifier qualifier) implements StixPattern {}

    enum Join { AND, OR, FOLLOWEDBY }

    sealed interface Qualifier {
        record Within(BigDecimal seconds) implements Qualifier {}
        record Repeats(int times) implements Qualifier {}
        record StartStop(Instant start, Instant stop) implements Qualifier {}
    }

    /** The inside of an observation expression. */
    sealed interface Comparison {
        /** {@code path [NOT] op value}; {@code EXISTS path} has a null value. */
        record Test(ObjectPath path, Operator operator, boolean negated, Literal value) implements Comparison {}
        record All(List<Comparison> operands) implements Comparison {
            public All { operands = List.copyOf(operands); }
        }
        record Any(List<Comparison> operands) implements Comparison {
            public Any { operands = List.copyOf(operands); }
        }
    }

    enum Operator { EQ, NEQ, LT, LE, GT, GE, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET, EXISTS }

    /** {@code type:property(.property | [n] | [*])*}. */
    record ObjectPath(String objectType, List<Step> steps) {
        public ObjectPath {
            steps = List.copyOf(steps);
        }
    }

    sealed interface Step {
        record Property(String name) implements Step {}
        record Index(int index) implements Step {}
        record AnyIndex() implements Step {}
    }

    sealed interface Literal {
        record Text(String value) implements Literal {}
        record Integer(long value) implements Literal {}
        record Decimal(double value) implements Literal {}
        record Bool(boolean value) implements Literal {}
        /** {@code b'...'} (base64) and {@code h'...'} (hex) both become bytes. */
        record Bytes(byte[] value) implements Literal {}
        record Timestamp(Instant value) implements Literal {}
        record Set(List<Literal> values) implements Literal {
            public Set { values = List.copyOf(values); }
        }
    }
}
