package org.finres.detection.internal;

import java.util.List;

import org.finres.core.InstitutionId;
import org.finres.detection.RuleScope;
import org.finres.sigma.Match;
import org.finres.sigma.SigmaEngine;
import org.finres.sigma.event.FlatEventView;
import org.finres.sigma.mapping.Pipeline;
import org.finres.sigma.rule.CorrelationRule;
import org.finres.sigma.rule.RuleParser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RuleTransformTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final InstitutionId BANK = InstitutionId.of("bank-a");

    private static final String RULE = """
            title: Hex and octal values stay as written
            id: 11111111-2222-3333-4444-555555555555
            logsource: {product: ocsf}
            detection:
              selection:
                code: 0x17
                mode: 0777
                when: 2024-01-02
              other:
                code: 1
              condition: 1 of them
            level: high
            """;

    @Test
    void aHubRuleIsUsedAsWritten() {
        assertThat(RuleTransform.forEngine(RULE, RuleScope.HUB, null)).isEqualTo(RULE);
    }

    @Test
    void anInstitutionRuleKeepsEveryScalarsTextAndMatchesOnlyItsInstitution() {
        String scoped = RuleTransform.forEngine(RULE, RuleScope.INSTITUTION, BANK);
        assertThat(scoped).contains("0x17").contains("0777").contains("2024-01-02")
                .contains("_finres_scope").contains("(1 of them) and _finres_scope");
        SigmaEngine engine = SigmaEngine.builder().pipeline(Pipeline.none()).ruleText("scoped", scoped).build();
        assertThat(engine.report().failed()).isEmpty();
        assertThat(matches(engine, "{\"code\":\"0x17\",\"mode\":\"0777\",\"when\":\"2024-01-02\"}", "bank-a")).hasSize(1);
        assertThat(matches(engine, "{\"code\":\"0x17\",\"mode\":\"0777\",\"when\":\"2024-01-02\"}", "bank-b")).isEmpty();
        // The underscore keeps the scope selection out of "1 of them": the scope alone matches nothing.
        assertThat(matches(engine, "{\"code\":\"9\"}", "bank-a")).isEmpty();
    }

    @Test
    void aConditionListIsScopedItemByItem() {
        String rule = """
                title: two conditions
                logsource: {product: ocsf}
                detection:
                  a: {x: 1}
                  b: {y: 2}
                  condition:
                    - a
                    - b
                """;
        String scoped = RuleTransform.forEngine(rule, RuleScope.INSTITUTION, BANK);
        assertThat(scoped).contains("(a) and _finres_scope").contains("(b) and _finres_scope");
    }

    @Test
    void aCorrelationGetsTheInstitutionAddedToItsGroupByOnce() {
        String correlation = """
                title: brute force
                correlation:
                  type: event_count
                  rules: [failed]
                  group-by: [src_ip]
                  timespan: 10m
                  condition: {gte: 5}
                """;
        String scoped = RuleTransform.forEngine(correlation, RuleScope.HUB, null);
        CorrelationRule parsed = (CorrelationRule) RuleParser.parse("t", scoped).getFirst();
        assertThat(parsed.groupBy()).containsExactly("src_ip", "institution");
        assertThat(RuleTransform.forEngine(scoped, RuleScope.HUB, null)).isEqualTo(scoped);
        assertThat(RuleTransform.forEngine(correlation, RuleScope.SECTOR, null)).isEqualTo(correlation);
    }

    @Test
    void aPayloadCannotClaimAnotherInstitution() {
        TenantEventView view = new TenantEventView(new FlatEventView(JSON.readTree(
                "{\"institution\":\"bank-b\",\"finres_view\":\"alert\"}")), "bank-a", "ocsf", null);
        assertThat(view.field("institution")).isEqualTo("bank-a");
        assertThat(view.field("finres_view")).isEqualTo("ocsf");
    }

    @Test
    void anEventTimeFarAheadOfItsReceiptIsReadAsTheReceiptTime() {
        java.time.Instant received = java.time.Instant.parse("2026-12-01T10:00:00Z");
        TenantEventView ahead = new TenantEventView(new FlatEventView(JSON.readTree(
                "{\"@timestamp\":\"2027-01-01T00:00:00Z\"}")), "bank-a", "ocsf", received);
        TenantEventView past = new TenantEventView(new FlatEventView(JSON.readTree(
                "{\"@timestamp\":\"2026-11-01T00:00:00Z\"}")), "bank-a", "ocsf", received);
        assertThat(ahead.timestamp()).isEqualTo(received);
        assertThat(past.timestamp()).isEqualTo(java.time.Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void documentsOfAFileAreSplitWithTheirLinesInTheFile() {
        String file = RULE + "---\ntitle: broken\nlogsource: {product: ocsf}\ndetection:\n  sel: {a: 1}\n  condition: sel and nope\n";
        RuleDocuments.Split split = RuleDocuments.split("pack.yml", file);
        assertThat(split.parsed()).hasSize(1);
        assertThat(split.parsed().getFirst().key()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(split.problems()).hasSize(1);
        assertThat(split.problems().getFirst()).startsWith("pack.yml:").contains("nope");
        int line = Integer.parseInt(split.problems().getFirst().split(":")[1]);
        assertThat(line).isGreaterThan(RULE.split("\n").length);
    }

    private static List<Match> matches(SigmaEngine engine, String json, String institution) {
        return engine.evaluate(new TenantEventView(new FlatEventView(JSON.readTree(json)), institution, "ocsf", null),
                "t", 0);
    }
}
