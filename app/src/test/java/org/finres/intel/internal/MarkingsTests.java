package org.finres.intel.internal;

import org.finres.stix.StixBundleReader;
import org.finres.stix.Tlp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkingsTests {

    private static Tlp tlp(String markings) {
        return Markings.tlpOf(StixBundleReader.readObject("{\"type\":\"malware\",\"id\":\"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b\""
                + markings + "}"), Tlp.GREEN);
    }

    @Test
    void theStrictestTlpMarkingWins() {
        assertThat(tlp(",\"object_marking_refs\":[\"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487\","
                + "\"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003\"]")).isEqualTo(Tlp.AMBER_STRICT);
    }

    @Test
    void tlp1MarkingsMapToTlp2() {
        assertThat(tlp(",\"object_marking_refs\":[\"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9\"]")).isEqualTo(Tlp.CLEAR);
        assertThat(tlp(",\"object_marking_refs\":[\"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82\"]")).isEqualTo(Tlp.AMBER);
        assertThat(tlp(",\"object_marking_refs\":[\"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed\"]")).isEqualTo(Tlp.RED);
    }

    @Test
    void aGranularRedMarkingMakesTheObjectRed() {
        assertThat(tlp(",\"granular_markings\":[{\"marking_ref\":\"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1\","
                + "\"selectors\":[\"name\"]}]")).isEqualTo(Tlp.RED);
    }

    @Test
    void unmarkedObjectsTakeTheCollectionsDefaultAndOtherMarkingsAreNotTlp() {
        assertThat(tlp("")).isEqualTo(Tlp.GREEN);
        assertThat(tlp(",\"object_marking_refs\":[\"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41db\"]")).isEqualTo(Tlp.GREEN);
    }

    @Test
    void onlyAmberStrictAndRedAreRecipientsOnly() {
        assertThat(Markings.recipientsOnly(Tlp.RED)).isTrue();
        assertThat(Markings.recipientsOnly(Tlp.AMBER_STRICT)).isTrue();
        assertThat(Markings.recipientsOnly(Tlp.AMBER)).isFalse();
        assertThat(Markings.recipientsOnly(Tlp.CLEAR)).isFalse();
    }
}
