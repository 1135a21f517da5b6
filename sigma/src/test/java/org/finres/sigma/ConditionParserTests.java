package org.finres.sigma;

import org.finres.sigma.rule.Condition;
import org.finres.sigma.rule.Condition.And;
import org.finres.sigma.rule.Condition.Identifier;
import org.finres.sigma.rule.Condition.Not;
import org.finres.sigma.rule.Condition.Or;
import org.finres.sigma.rule.Condition.Quantified;
import org.finres.sigma.rule.Condition.Quantifier;
import org.finres.sigma.rule.ConditionParser;
import org.finres.sigma.rule.RuleParser;
import org.finres.sigma.rule.SigmaRuleException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionParserTests {

    private static Condition parse(String s) {
        return ConditionParser.parse("test", s);
    }

    private static Identifier id(String name) {
        return new Identifier(name, 0);
    }

    /** Columns are informative; compare structure without them. */
    private static String shape(Condition c) {
        return switch (c) {
            case Identifier i -> i.name();
            case And a -> "and(" + String.join(",", a.operands().stream().map(ConditionParserTests::shape).toList()) + ")";
            case Or o -> "or(" + String.join(",", o.operands().stream().map(ConditionParserTests::shape).toList()) + ")";
            case Not n -> "not(" + shape(n.operand()) + ")";
            case Quantified q -> (q.quantifier() == Quantifier.ALL ? "all:" : "one:") + q.pattern();
        };
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(shape(parse("a or b and c"))).isEqualTo("or(a,and(b,c))");
        assertThat(shape(parse("a and b or c"))).isEqualTo("or(and(a,b),c)");
    }

    @Test
    void notBindsTighterThanAnd() {
        assertThat(shape(parse("not a and b"))).isEqualTo("and(not(a),b)");
        assertThat(shape(parse("a and not not b"))).isEqualTo("and(a,not(not(b)))");
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(shape(parse("(a or b) and c"))).isEqualTo("and(or(a,b),c)");
        assertThat(shape(parse("selection and ( sourceRDP or destinationRDP ) and not 1 of filter*")))
                .isEqualTo("and(selection,or(sourceRDP,destinationRDP),not(one:filter*))");
    }

    @Test
    void quantifiersTakePatternsAndThem() {
        assertThat(shape(parse("1 of selection_* and not all of filter*"))).isEqualTo("and(one:selection_*,not(all:filter*))");
        assertThat(shape(parse("all of them"))).isEqualTo("all:them");
        assertThat(shape(parse("any of them"))).isEqualTo("one:them");
    }

    @Test
    void operatorsAreCaseInsensitive() {
        assertThat(shape(parse("a AND NOT b OR All Of c*"))).isEqualTo("or(and(a,not(b)),all:c*)");
    }

    @Test
    void multiLineConditionsParse() {
        assertThat(shape(parse("selection_parent and\n(\n    1 of selection_generic_*\n)\n"))).isEqualTo("and(selection_parent,one:selection_generic_*)");
    }

    @Test
    void themLeavesOutIdentifiersStartingWithUnderscore() {
        Quantified them = new Quantified(Quantifier.ANY, "them", 1);
        assertThat(RuleParser.resolvePattern(them, List.of("sel", "_hidden", "filter"))).containsExactly("sel", "filter");
        Quantified pattern = new Quantified(Quantifier.ANY, "*", 1);
        assertThat(RuleParser.resolvePattern(pattern, List.of("sel", "_hidden"))).containsExactly("sel", "_hidden");
        Quantified mid = new Quantified(Quantifier.ALL, "sel*cli", 1);
        assertThat(RuleParser.resolvePattern(mid, List.of("sel_a_cli", "sel_b", "selcli"))).containsExactly("sel_a_cli", "selcli");
    }

    @Test
    void unbalancedParenthesesAreReportedWithTheirColumn() {
        assertThatThrownBy(() -> parse("a and (b or c"))
                .isInstanceOfSatisfying(SigmaRuleException.class, e -> {
                    assertThat(e.column()).isEqualTo(7);
                    assertThat(e.reason()).contains("never closed");
                });
        assertThatThrownBy(() -> parse("a or b)"))
                .isInstanceOfSatisfying(SigmaRuleException.class, e -> assertThat(e.column()).isEqualTo(7));
    }

    @Test
    void danglingOperatorsAndMissingOperandsAreInvalid() {
        for (String bad : List.of("a and", "or b", "not", "a b", "1 of", "all of (a)", "()", "them", "a and and b"))
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(SigmaRuleException.class)
                    .extracting(e -> ((SigmaRuleException) e).kind()).isEqualTo(SigmaRuleException.Kind.INVALID);
    }

    @Test
    void wildcardsOutsideQuantifiersAreInvalid() {
        assertThatThrownBy(() -> parse("selection*")).isInstanceOf(SigmaRuleException.class)
                .hasMessageContaining("only allowed in patterns");
    }

    @Test
    void obsoleteAggregationsAndCountsOtherThanOneAreUnsupported() {
        assertThatThrownBy(() -> parse("selection | count() by host > 5"))
                .isInstanceOfSatisfying(SigmaRuleException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SigmaRuleException.Kind.UNSUPPORTED);
                    assertThat(e.column()).isEqualTo(11);
                });
        assertThatThrownBy(() -> parse("2 of selection*"))
                .isInstanceOfSatisfying(SigmaRuleException.class, e -> assertThat(e.kind()).isEqualTo(SigmaRuleException.Kind.UNSUPPORTED));
    }

    @Test
    void excessiveNestingIsRejectedInsteadOfOverflowingTheStack() {
        String deep = "(".repeat(5000) + "a" + ")".repeat(5000);
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(SigmaRuleException.class).hasMessageContaining("nested");
        String nots = "not ".repeat(5000) + "a";
        assertThatThrownBy(() -> parse(nots)).isInstanceOf(SigmaRuleException.class).hasMessageContaining("nested");
    }

    @Test
    void conditionsReferringToUnknownIdentifiersFailWithTheLine() {
        String rule = """
                title: t
                logsource:
                    product: windows
                detection:
                    selection:
                        a: 1
                    condition: selection and filter
                """;
        assertThatThrownBy(() -> RuleParser.parse("r.yml", rule))
                .isInstanceOfSatisfying(SigmaRuleException.class, e -> {
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.reason()).contains("'filter'");
                });
    }

    @Test
    void conditionErrorsPointIntoTheFile() {
        String rule = """
                title: t
                logsource:
                    product: windows
                detection:
                    selection:
                        a: 1
                    condition: selection and (selection
                """;
        assertThatThrownBy(() -> RuleParser.parse("r.yml", rule))
                .isInstanceOfSatisfying(SigmaRuleException.class, e -> {
                    assertThat(e.source()).isEqualTo("r.yml");
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.column()).isEqualTo(30);
                });
    }
}
