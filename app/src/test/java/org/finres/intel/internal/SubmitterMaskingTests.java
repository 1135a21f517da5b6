package org.finres.intel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.finres.stix.StixBundleReader;
import org.finres.stix.StixValidator;
import org.finres.stix.Tlp;
import org.finres.stix.model.StixObject;
import org.junit.jupiter.api.Test;

class SubmitterMaskingTests {

    private static final String ME = "identity--1f0a8e9c-2b3d-4e5f-8a6b-7c8d9e0f1a2b";
    private static final String OTHER = "identity--2a1b9f0d-3c4e-4f6a-9b7c-8d9e0f1a2b3c";

    private static StixObject read(String json) {
        return StixBundleReader.readObject(json);
    }

    private static final StixObject IDENTITY = read("{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"" + ME + "\","
            + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\",\"name\":\"Us\"}");
    private static final StixObject OTHER_IDENTITY = read("{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"" + OTHER + "\","
            + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\",\"name\":\"A victim\"}");
    private static final StixObject INDICATOR = read("{\"type\":\"indicator\",\"spec_version\":\"2.1\","
            + "\"id\":\"indicator--3b2c0a1e-4d5f-4a7b-8c9d-0e1f2a3b4c5d\",\"created_by_ref\":\"" + ME + "\","
            + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
            + "\"pattern\":\"[ipv4-addr:value = '198.51.100.1']\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"}");
    private static final StixObject SIGHTING = read("{\"type\":\"sighting\",\"spec_version\":\"2.1\","
            + "\"id\":\"sighting--4c3d1b2f-5e6a-4b8c-9d0e-1f2a3b4c5d6e\",\"created\":\"2026-01-02T00:00:00.000Z\","
            + "\"modified\":\"2026-01-02T00:00:00.000Z\",\"sighting_of_ref\":\"indicator--3b2c0a1e-4d5f-4a7b-8c9d-0e1f2a3b4c5d\","
            + "\"where_sighted_refs\":[\"" + ME + "\",\"" + OTHER + "\"]}");
    private static final StixObject TARGETS_US = read("{\"type\":\"relationship\",\"spec_version\":\"2.1\","
            + "\"id\":\"relationship--5d4e2c3a-6f7b-4c9d-8e1f-2a3b4c5d6e7f\",\"created\":\"2026-01-02T00:00:00.000Z\","
            + "\"modified\":\"2026-01-02T00:00:00.000Z\",\"relationship_type\":\"targets\","
            + "\"source_ref\":\"indicator--3b2c0a1e-4d5f-4a7b-8c9d-0e1f2a3b4c5d\",\"target_ref\":\"" + ME + "\"}");
    private static final StixObject REPORT_OF_US = read("{\"type\":\"report\",\"spec_version\":\"2.1\","
            + "\"id\":\"report--6e5f3d4b-7a8c-4d0e-9f2a-3b4c5d6e7f8a\",\"created_by_ref\":\"" + ME + "\","
            + "\"created\":\"2026-01-02T00:00:00.000Z\",\"modified\":\"2026-01-02T00:00:00.000Z\",\"name\":\"r\","
            + "\"published\":\"2026-01-02T00:00:00Z\",\"object_refs\":[\"" + ME + "\"]}");

    @Test
    void replacesTheCreatorAndWithholdsWhatNamesIt() {
        SubmitterMasking.Masked m = SubmitterMasking.mask(List.of(IDENTITY, OTHER_IDENTITY, INDICATOR, SIGHTING, TARGETS_US,
                REPORT_OF_US, Tlp.GREEN.markingDefinition()), HubIdentities.ANONYMOUS);
        assertThat(m.withheld()).containsExactly(IDENTITY, TARGETS_US, REPORT_OF_US);
        String published = String.join("\n", m.published().stream().map(o -> o.json().text()).toList());
        assertThat(published).doesNotContain(ME).contains("\"name\":\"A victim\"");
        StixObject indicator = m.published().stream().filter(o -> o.type().equals("indicator")).findFirst().orElseThrow();
        assertThat(indicator.json().tree().get("created_by_ref").asString()).isEqualTo(HubIdentities.ANONYMOUS.toString());
        StixObject sighting = m.published().stream().filter(o -> o.type().equals("sighting")).findFirst().orElseThrow();
        assertThat(sighting.json().tree().get("where_sighted_refs").toString())
                .isEqualTo("[\"" + HubIdentities.ANONYMOUS + "\",\"" + OTHER + "\"]");
        assertThat(m.published()).contains(Tlp.GREEN.markingDefinition());
        StixValidator validator = new StixValidator();
        m.published().forEach(o -> assertThat(validator.validate(o)).as(o.json().text()).isEmpty());
        assertThat(validator.validate(HubIdentities.anonymous())).isEmpty();
    }

    @Test
    void keepsTheVersionSoAReShareIsTheSameVersion() {
        StixObject masked = SubmitterMasking.mask(List.of(INDICATOR), HubIdentities.ANONYMOUS).published().getFirst();
        assertThat(masked.id()).isEqualTo(INDICATOR.id());
        assertThat(masked.common().modified()).isEqualTo(INDICATOR.common().modified());
    }
}
