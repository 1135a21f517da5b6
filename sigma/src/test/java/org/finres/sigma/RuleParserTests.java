package org.finres.sigma;

import org.finres.sigma.rule.CorrelationRule;
import org.finres.sigma.rule.DetectionItem;
import org.finres.sigma.rule.Level;
import org.finres.sigma.rule.Modifier;
import org.finres.sigma.rule.RuleParser;
import org.finres.sigma.rule.SigmaDocument;
import org.finres.sigma.rule.SigmaFilter;
import org.finres.sigma.rule.SigmaRule;
import org.finres.sigma.rule.SigmaRuleException;
import org.finres.sigma.rule.SigmaValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleParserTests {

    @Test
    void everyExampleRuleOfTheSpecificationParses() throws IOException {
        Path tests = SharedCorpus.require(SharedCorpus.SPECS.resolve("tests"));
        List<Path> files;
        try (Stream<Path> s = Files.walk(tests)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        for (Path f : files) {
            List<SigmaDocument> docs = RuleParser.parse(f.toString(), Files.readString(f));
            assertThat(docs).as(f.toString()).hasSize(1);
            String folder = f.getParent().getFileName().toString();
            Class<?> expected = switch (folder) {
                case "correlation" -> CorrelationRule.class;
                case "filter" -> SigmaFilter.class;
                default -> SigmaRule.class;
            };
            assertThat(docs.getFirst()).as(f.toString()).isInstanceOf(expected);
        }
    }

    @Test
    void theSpecificationsChainedCorrelationExampleParsesAsFourDocuments() {
        List<SigmaDocument> docs = RuleParser.parse("mr.yml", CorrelationTests.FAILED_THEN_SUCCESS);
        assertThat(docs).hasSize(4);
        CorrelationRule outer = (CorrelationRule) docs.get(0);
        assertThat(outer.type()).isEqualTo(CorrelationRule.CorrelationType.TEMPORAL_ORDERED);
        assertThat(outer.rules()).containsExactly("multiple_failed_login", "successful_login");
        assertThat(outer.timespan()).isEqualTo(Duration.ofMinutes(10));
        assertThat(outer.level()).isEqualTo(Level.HIGH);
        CorrelationRule inner = (CorrelationRule) docs.get(1);
        assertThat(inner.threshold().criteria()).containsExactly(
                new CorrelationRule.Criterion(CorrelationRule.Operator.GTE, 10));
        assertThat(docs.get(2)).isInstanceOf(SigmaRule.class);
        assertThat(docs.get(2).name()).isEqualTo("failed_login");
    }

    @Test
    void keepsRawScalarTextAndTypes() {
        SigmaRule r = (SigmaRule) RuleParser.parse("r.yml", """
                title: t
                logsource: {product: windows}
                detection:
                    selection:
                        TicketOptions: 0x40810000
                        EventID: 4769
                        Empty: ''
                        Missing: null
                        Flag|exists: true
                        Image|endswith|windash: '\\cmd.exe'
                    condition: selection
                """).getFirst();
        DetectionItem.AllOf all = (DetectionItem.AllOf) r.detection().identifiers().get("selection");
        assertThat(all.items()).hasSize(6);
        DetectionItem.FieldItem hex = (DetectionItem.FieldItem) all.items().get(0);
        assertThat(hex.values()).containsExactly(new SigmaValue.SigmaNumber("0x40810000"));
        assertThat(((DetectionItem.FieldItem) all.items().get(2)).values()).containsExactly(new SigmaValue.SigmaString(""));
        assertThat(((DetectionItem.FieldItem) all.items().get(3)).values()).containsExactly(new SigmaValue.SigmaNull());
        DetectionItem.FieldItem img = (DetectionItem.FieldItem) all.items().get(5);
        assertThat(img.field()).isEqualTo("Image");
        assertThat(img.modifiers()).containsExactly(Modifier.ENDSWITH, Modifier.WINDASH);
        assertThat(img.line()).isEqualTo(10);
        assertThat(img.values()).containsExactly(new SigmaValue.SigmaString("\\cmd.exe"));
    }

    @Test
    void listsOfStringsAreKeywordsAndListsOfMapsAreAlternatives() {
        SigmaRule r = (SigmaRule) RuleParser.parse("r.yml", """
                title: t
                logsource: {product: windows}
                detection:
                    keywords:
                        - 'event::clear'
                        - 'event::drop'
                    alternatives:
                        - Image|endswith: '\\example.exe'
                        - Description|contains: 'Test executable'
                    cmdlet:
                        '|all':
                            - 'OabVirtualDirectory'
                            - ' -ExternalUrl '
                    condition: keywords or alternatives or cmdlet
                """).getFirst();
        assertThat(r.detection().identifiers().get("keywords")).isInstanceOf(DetectionItem.Keywords.class);
        assertThat(r.detection().identifiers().get("alternatives")).isInstanceOf(DetectionItem.AnyOf.class);
        DetectionItem.Keywords all = (DetectionItem.Keywords) r.detection().identifiers().get("cmdlet");
        assertThat(all.modifiers()).containsExactly(Modifier.ALL);
    }

    @Test
    void aListOfConditionsIsAnOr() {
        SigmaRule r = (SigmaRule) RuleParser.parse("r.yml", """
                title: t
                logsource: {product: windows}
                detection:
                    a: {x: 1}
                    b: {y: 2}
                    condition:
                        - a
                        - b
                """).getFirst();
        assertThat(r.detection().condition()).isInstanceOf(org.finres.sigma.rule.Condition.Or.class);
    }

    @Test
    void yamlSyntaxErrorsCarryLineAndColumn() {
        assertThatThrownBy(() -> RuleParser.parse("bad.yml", "title: t\nlogsource:\n  product: [windows\ndetection: x\n"))
                .isInstanceOfSatisfying(SigmaRuleException.class, e -> {
                    assertThat(e.source()).isEqualTo("bad.yml");
                    assertThat(e.line()).isGreaterThanOrEqualTo(3);
                    assertThat(e.column()).isPositive();
                    assertThat(e.getMessage()).startsWith("bad.yml:");
                });
    }

    @Test
    void structuralErrorsNameWhatIsWrongAndWhere() {
        assertError("logsource: {product: x}\ndetection: {s: {a: 1}, condition: s}\n", 1, "'title' is missing");
        assertError("title: t\ndetection: {s: {a: 1}, condition: s}\n", 1, "'logsource' is missing");
        assertError("title: t\nlogsource: {product: x}\ndetection:\n    s: {a: 1}\n", 4, "'condition' is missing");
        assertError("title: t\nlogsource: {product: x}\nlevel: severe\ndetection: {s: {a: 1}, condition: s}\n", 3, "unknown level");
        assertError("title: t\ntitle: u\nlogsource: {product: x}\ndetection: {s: {a: 1}, condition: s}\n", 2, "duplicate key 'title'");
        assertError("title: t\nlogsource: {product: x}\ndetection:\n    s:\n        a:\n            - ''\n            - null\n    condition: s\n",
                6, "null cannot be part of a list");
        assertError("title: t\nlogsource: {product: x}\ndetection:\n    s:\n        a: {b: c}\n    condition: s\n", 5, "not a map");
        assertError("title: t\nlogsource: {product: x}\ndetection:\n    s: []\n    condition: s\n", 4, "empty list");
        assertError("title: t\nlogsource: {product: x}\n", 1, "neither 'detection'");
    }

    @Test
    void unknownModifiersAreReportedAsUnsupportedAtTheirKey() {
        assertThatThrownBy(() -> RuleParser.parse("r.yml",
                "title: t\nlogsource: {product: x}\ndetection:\n    s:\n        a|fuzzy: 1\n    condition: s\n"))
                .isInstanceOfSatisfying(SigmaRuleException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SigmaRuleException.Kind.UNSUPPORTED);
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.column()).isEqualTo(9);
                    assertThat(e.reason()).contains("'fuzzy'");
                });
    }

    @Test
    void correlationRulesAreValidatedPerType() {
        String base = "title: c\ncorrelation:\n    type: %s\n    rules: [a]\n    group-by: [h]\n    timespan: %s\n%s";
        assertThat(RuleParser.parse("c.yml", base.formatted("temporal", "5m", ""))).hasSize(1);
        assertCorrelationError(base.formatted("event_count", "5m", ""), "condition' is required");
        assertCorrelationError(base.formatted("value_count", "5m", "    condition: {gte: 3}\n"), "field' is required");
        assertCorrelationError(base.formatted("event_count", "5 minutes", "    condition: {gte: 3}\n"), "timespan");
        assertCorrelationError(base.formatted("event_sum", "5m", ""), "unknown correlation type");
        assertCorrelationError(base.formatted("event_count", "5m", "    condition: {more: 3}\n"), "unknown condition operator");
        CorrelationRule r = (CorrelationRule) RuleParser.parse("c.yml",
                base.formatted("value_percentile", "24h", "    condition: {field: Image, lte: 1}\n    generate: true\n")).getFirst();
        assertThat(r.valueFields()).containsExactly("Image");
        assertThat(r.generate()).isTrue();
        assertThat(r.timespan()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void filtersNeedRulesAndACondition() {
        SigmaFilter f = (SigmaFilter) RuleParser.parse("f.yml", """
                title: Filter Administrator account
                logsource: {category: process_creation, product: windows}
                filter:
                    rules: 6f3e2987-db24-4c78-a860-b4f4095a7095
                    selection:
                        User|startswith: 'adm_'
                    condition: selection
                """).getFirst();
        assertThat(f.rules()).containsExactly("6f3e2987-db24-4c78-a860-b4f4095a7095");
        assertThat(f.detection().identifiers()).containsOnlyKeys("selection");
        assertThatThrownBy(() -> RuleParser.parse("f.yml",
                "title: f\nlogsource: {product: x}\nfilter:\n    selection: {a: 1}\n    condition: selection\n"))
                .isInstanceOf(SigmaRuleException.class).hasMessageContaining("needs 'rules'");
    }

    @Test
    void obsoleteSigmaOneConstructsAreUnsupportedNotIgnored() {
        assertThatThrownBy(() -> RuleParser.parse("r.yml", "action: global\ntitle: t\n"))
                .isInstanceOfSatisfying(SigmaRuleException.class, e -> assertThat(e.kind()).isEqualTo(SigmaRuleException.Kind.UNSUPPORTED));
        assertThatThrownBy(() -> RuleParser.parse("r.yml",
                "title: t\nlogsource: {product: x}\ndetection:\n    s: {a: 1}\n    timeframe: 5m\n    condition: s | count() > 5\n"))
                .isInstanceOfSatisfying(SigmaRuleException.class, e -> assertThat(e.kind()).isEqualTo(SigmaRuleException.Kind.UNSUPPORTED));
    }

    private static void assertError(String yaml, int line, String reason) {
        assertThatThrownBy(() -> RuleParser.parse("r.yml", yaml)).as(reason)
                .isInstanceOfSatisfying(SigmaRuleException.class, e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.line()).isEqualTo(line);
                });
    }

    private static void assertCorrelationError(String yaml, String reason) {
        assertThatThrownBy(() -> RuleParser.parse("c.yml", yaml)).as(reason)
                .isInstanceOf(SigmaRuleException.class).hasMessageContaining(reason);
    }
}
