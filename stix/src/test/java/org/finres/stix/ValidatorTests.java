package org.finres.stix;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValidatorTests {

    private static final String GOOD = """
            {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
             "created":"2026-03-01T08:00:00.000Z","modified":"2026-03-01T08:00:00.000Z",
             "pattern":"[url:value = 'http://x.example/']","pattern_type":"stix","valid_from":"2026-03-01T08:00:00Z"}""";

    private static java.util.List<String> problems(String json) {
        return new StixValidator().validate(StixBundleReader.readObject(json)).stream().map(ValidationProblem::toString).toList();
    }

    @Test
    void acceptsAMinimalIndicator() {
        assertThat(problems(GOOD)).isEmpty();
    }

    @Test
    void reportsIdOfAnotherType() {
        assertThat(problems(GOOD.replace("\"id\":\"indicator--", "\"id\":\"malware--")))
                .containsExactly("$.id: the id starts with 'malware--' but the type is 'indicator'");
    }

    @Test
    void reportsTimestampsWithoutMillisecondsOrZone() {
        assertThat(problems(GOOD.replace("\"created\":\"2026-03-01T08:00:00.000Z\"", "\"created\":\"2026-03-01T08:00:00Z\"")))
                .containsExactly("$.created: created must be precise to the millisecond: 2026-03-01T08:00:00Z");
        assertThat(problems(GOOD.replace("\"valid_from\":\"2026-03-01T08:00:00Z\"", "\"valid_from\":\"2026-03-01T08:00:00+08:00\"")))
                .anyMatch(p -> p.startsWith("$.valid_from: not an RFC 3339 UTC timestamp"));
    }

    @Test
    void reportsModifiedBeforeCreatedAndMissingRequiredProperties() {
        assertThat(problems(GOOD.replace("\"modified\":\"2026-03-01T08:00:00.000Z\"", "\"modified\":\"2026-02-01T08:00:00.000Z\"")))
                .containsExactly("$.modified: modified (2026-02-01T08:00:00.000Z) is before created (2026-03-01T08:00:00.000Z)");
        assertThat(problems(GOOD.replace("\"pattern_type\":\"stix\",", "")))
                .containsExactly("$: indicator requires the property 'pattern_type'");
    }

    @Test
    void reportsWrongSpecVersionAndReferenceTargets() {
        String bad = GOOD.replace("\"spec_version\":\"2.1\"", "\"spec_version\":\"2.0\"")
                .replace("\"pattern\"", "\"created_by_ref\":\"malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
                        + "\"object_marking_refs\":[\"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\"],\"pattern\"");
        assertThat(problems(bad)).containsExactlyInAnyOrder(
                "$.spec_version: must be '2.1', found \"2.0\"",
                "$.created_by_ref: must refer to identity, found malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                "$.object_marking_refs[0]: must refer to marking-definition, found identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
    }

    @Test
    void reportsAFakeTlpMarking() {
        String fake = """
                {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                 "created":"2022-10-01T00:00:00.000Z","name":"TLP:RED","extensions":{"%s":{"extension_type":"property-extension","tlp_2_0":"red"}}}"""
                .formatted(Tlp.EXTENSION_ID);
        assertThat(problems(fake)).containsExactly("$.id: TLP 2.0 TLP:RED must have the id "
                + "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1, found marking-definition--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
        assertThat(new StixValidator().validate(Tlp.RED.markingDefinition())).isEmpty();
    }

    @Test
    void reportsPathsInsideABundle() {
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"objects\":[" + GOOD + ","
                + GOOD.replace("\"pattern_type\":\"stix\",", "") + "]}";
        assertThat(new StixValidator().validate(StixBundleReader.read(bundle)))
                .containsExactly(new ValidationProblem("$.objects[1]", "indicator requires the property 'pattern_type'"));
    }

    @Test
    void strictestTlpWinsAmongMarkings() {
        assertThat(Tlp.strictest(java.util.List.of(Tlp.GREEN.id(), Tlp.AMBER_STRICT.id(), Tlp.CLEAR.id()))).contains(Tlp.AMBER_STRICT);
    }
}
