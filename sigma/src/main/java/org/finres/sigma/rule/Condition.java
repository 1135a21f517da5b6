package org.finres.sigma.rule;

import java.util.List;

/** The parsed {@code condition} expression. Columns are 1-based positions in the condition text. */
public sealed interface Condition {

    record Identifier(String name, int column) implements Condition {}

    record And(List<Condition> operands) implements Condition {
        public And { operands = List.copyOf(operands); }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or { operands = List.copyOf(operands); }
    }

    record Not(Condition operand) implements Condition {}

    /** {@code 1 of pattern}, {@code all of pattern}; the pattern {@code them} means every identifier not starting with _. */
    record Quantified(Quantifier quantifier, String pattern, int column) implements Condition {
        public boolean isThem() { return pattern.equals("them"); }
    }

    enum Quantifier { ANY, ALL }
}
