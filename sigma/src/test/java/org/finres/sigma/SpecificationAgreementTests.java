package org.finres.sigma;

import org.finres.sigma.rule.CorrelationRule;
import org.finres.sigma.rule.Level;
import org.finres.sigma.rule.Modifier;
import org.finres.sigma.rule.RuleParser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Our enumerations are written from the specification; these checks keep them equal to its schemas and appendix. */
class SpecificationAgreementTests {

    private static JsonNode schema(String name) throws IOException {
        return TestRules.JSON.readTree(Files.readString(SharedCorpus.require(SharedCorpus.SPECS.resolve("json-schema/" + name))));
    }

    private static Set<String> consts(JsonNode oneOf) {
        Set<String> out = new TreeSet<>();
        for (JsonNode n : oneOf.values()) out.add(n.get("const").stringValue());
        return out;
    }

    @Test
    void levelsAndStatusesAreThoseOfTheRuleSchema() throws IOException {
        JsonNode props = schema("sigma-detection-rule-schema.json").get("properties");
        assertThat(Arrays.stream(Level.values()).map(Level::token).toList())
                .containsExactlyInAnyOrderElementsOf(consts(props.get("level").get("oneOf")));
        for (String status : consts(props.get("status").get("oneOf")))
            assertThat(RuleParser.parse("r.yml", "title: t\nstatus: " + status
                    + "\nlogsource: {product: x}\ndetection: {s: {a: 1}, condition: s}\n")).hasSize(1);
    }

    @Test
    void correlationTypesAndOperatorsAreThoseOfTheCorrelationSchema() throws IOException {
        JsonNode corr = schema("sigma-correlation-rules-schema.json").get("properties").get("correlation").get("properties");
        assertThat(Arrays.stream(CorrelationRule.CorrelationType.values()).map(CorrelationRule.CorrelationType::token).toList())
                .containsExactlyInAnyOrderElementsOf(consts(corr.get("type").get("oneOf")));
        Set<String> operators = new TreeSet<>();
        for (JsonNode option : corr.get("condition").get("anyOf").values()) operators.addAll(option.propertyNames());
        operators.remove("field");
        assertThat(Arrays.stream(CorrelationRule.Operator.values()).map(CorrelationRule.Operator::token).toList())
                .containsExactlyInAnyOrderElementsOf(operators);
    }

    @Test
    void everyModifierOfTheAppendixIsKnown() throws IOException {
        String appendix = Files.readString(SharedCorpus.require(SharedCorpus.SPECS.resolve("specification/sigma-appendix-modifiers.md")));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*- `([a-z0-9]+)`:").matcher(appendix);
        while (m.find()) documented.add(m.group(1));
        assertThat(documented).hasSizeGreaterThan(25);
        for (String token : documented) assertThat(Modifier.fromToken(token)).as(token).isNotNull();
    }
}
