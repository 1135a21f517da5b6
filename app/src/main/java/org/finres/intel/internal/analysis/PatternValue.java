package org.finres.intel.internal.analysis;

import java.util.List;

import org.finres.stix.pattern.PatternParser;
import org.finres.stix.pattern.PatternSyntaxException;
import org.finres.stix.pattern.StixPattern;
import org.finres.stix.pattern.StixPattern.Comparison;
import org.finres.stix.pattern.StixPattern.Literal;
import org.finres.stix.pattern.StixPattern.Operator;
import org.finres.stix.pattern.StixPattern.Step;

/**
 * What detection can match of a STIX pattern: only one observation with one equality (or, for addresses,
 * ISSUBSET) of a matchable observable. Anything else is named as not matchable, with the reason, so an analyst
 * sees why a shared indicator raises no alerts instead of it being dropped silently.
 */
public sealed interface PatternValue {

    /** The detection type code (INDICATORS.md) and the value as the pattern gives it. */
    record Matchable(String type, String value) implements PatternValue {
    }

    record Unmatchable(String reason) implements PatternValue {
    }

    static PatternValue of(String patternType, String pattern) {
        if (!"stix".equals(patternType)) {
            return new Unmatchable("pattern_type '" + patternType + "' is not a STIX pattern");
        }
        if (pattern == null) {
            return new Unmatchable("the indicator has no pattern");
        }
        StixPattern parsed;
        try {
            parsed = PatternParser.parse(pattern);
        } catch (PatternSyntaxException e) {
            return new Unmatchable("the pattern does not parse: " + e.getMessage());
        }
        return switch (parsed) {
            case StixPattern.Observation o -> comparison(o.comparison());
            case StixPattern.Combined c -> new Unmatchable("observations combined with " + c.join()
                    + " need several events; only single-value patterns are matched");
            case StixPattern.Qualified q -> new Unmatchable("qualified patterns (WITHIN, REPEATS, START/STOP) are not matched");
        };
    }

    private static PatternValue comparison(Comparison c) {
        return switch (c) {
            case Comparison.All a -> new Unmatchable("AND inside an observation compares several properties");
            case Comparison.Any a -> new Unmatchable("OR inside an observation: share one value per indicator");
            case Comparison.Test t -> test(t);
        };
    }

    private static PatternValue test(Comparison.Test t) {
        if (t.negated()) {
            return new Unmatchable("a negated comparison matches almost everything");
        }
        if (!(t.value() instanceof Literal.Text(String text))) {
            return new Unmatchable("the compared value is not a string");
        }
        String object = t.path().objectType();
        List<Step> steps = t.path().steps();
        String path = object + ":" + steps.stream().map(s -> switch (s) {
            case Step.Property p -> p.name();
            case Step.Index i -> "[" + i.index() + "]";
            case Step.AnyIndex a -> "[*]";
        }).reduce((a, b) -> a + "." + b).orElse("");
        boolean address = object.equals("ipv4-addr") || object.equals("ipv6-addr");
        if (t.operator() == Operator.ISSUBSET && address && path.endsWith(":value")) {
            return new Matchable("cidr", text);
        }
        if (t.operator() != Operator.EQ) {
            return new Unmatchable("operator " + t.operator() + " on " + path + " is not an equality");
        }
        return switch (path) {
            case "ipv4-addr:value" -> new Matchable("ipv4", text);
            case "ipv6-addr:value" -> new Matchable("ipv6", text);
            case "domain-name:value" -> new Matchable("domain", text);
            case "url:value" -> new Matchable("url", text);
            case "email-addr:value" -> new Matchable("email", text);
            case "file:hashes.MD5" -> new Matchable("md5", text);
            case "file:hashes.SHA-1", "file:hashes.'SHA-1'" -> new Matchable("sha1", text);
            case "file:hashes.SHA-256", "file:hashes.'SHA-256'" -> new Matchable("sha256", text);
            default -> new Unmatchable(path + " is not an observable detection matches "
                    + "(addresses, domains, URLs, e-mail addresses, MD5/SHA-1/SHA-256 file hashes)");
        };
    }
}
