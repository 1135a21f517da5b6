package org.finres.stix;

import org.finres.stix.model.CustomObject;
import org.finres.stix.model.Indicator;
import org.finres.stix.model.StixFormatException;
import org.finres.stix.model.StixObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleReaderTests {

    private static final String BUNDLE = """
            {
              "type": "bundle", "x_feed": {"name":  "acme"},
              "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
              "objects": [
                {"type":"x-acme-thing","id":"x-acme-thing--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","spec_version":"2.1",
                 "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","x_score":  1.50, "nested":{"z":[1,2]}},
                {"type":"indicator", "spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                 "created":"2026-03-01T08:00:00.000Z","modified":"2026-03-01T08:00:00.000Z","x_acme_rank":"\\u00e9",
                 "pattern":"[url:value = 'http://x.example/']","pattern_type":"stix","valid_from":"2026-03-01T08:00:00Z"}
              ]
            }
            """;

    @Test
    void keepsCustomObjectsAndPropertiesByteForByte() {
        StixBundle b = StixBundleReader.read(BUNDLE);
        assertThat(b.objects()).hasSize(2);
        assertThat(b.objects().get(0)).isInstanceOf(CustomObject.class);
        assertThat(b.objects().get(0).json().text()).contains("\"x_score\":  1.50");
        Indicator i = (Indicator) b.objects().get(1);
        assertThat(i.patternType()).isEqualTo("stix");
        assertThat(i.json().text()).contains("\"x_acme_rank\":\"\\u00e9\"");
        assertThat(StixBundleWriter.toJson(b)).isEqualTo(BUNDLE);
    }

    @Test
    void changedBundleIsWrittenCompactlyKeepingEachObjectsText() {
        StixBundle b = StixBundleReader.read(BUNDLE);
        StixObject extra = StixObjectBuilder.of("url").set("value", "http://x.example/").build();
        List<StixObject> more = new ArrayList<>(b.objects());
        more.add(extra);
        String out = StixBundleWriter.toJson(b.withObjects(more));
        StixBundle again = StixBundleReader.read(out);
        assertThat(again.objects()).extracting(o -> o.json().text())
                .containsExactly(b.objects().get(0).json().text(), b.objects().get(1).json().text(), extra.json().text());
    }

    @Test
    void streamsObjectsOneAtATime() {
        List<StixObject> seen = new ArrayList<>();
        var id = StixBundleReader.stream(new ByteArrayInputStream(BUNDLE.getBytes(StandardCharsets.UTF_8)), seen::add);
        assertThat(id.orElseThrow().toString()).isEqualTo("bundle--5d0092c5-5f74-4287-9642-33f4c354e56d");
        assertThat(seen).extracting(StixObject::type).containsExactly("x-acme-thing", "indicator");
    }

    @Test
    void readsALoneObjectAndWritesItBack() {
        String lone = "  {\"type\":\"url\",\"id\":\"url--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"value\":\"http://a/\"}\n";
        StixBundle b = StixBundleReader.read(lone);
        assertThat(b.isLoneObject()).isTrue();
        assertThat(StixBundleWriter.toJson(b)).isEqualTo(lone);
    }

    @Test
    void rejectsWhatIsNotStixWithPathAndPosition() {
        assertThatThrownBy(() -> StixBundleReader.read("{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":[{\"type\":\"url\"}]}"))
                .isInstanceOf(StixFormatException.class).hasMessage("$.objects[0]: the object has no string 'id' property");
        assertThatThrownBy(() -> StixBundleReader.read("{\"type\":\"bundle\",\n \"objects\":[}"))
                .isInstanceOf(StixFormatException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> StixBundleReader.read("{\"type\":\"url\",\"type\":\"url\"}"))
                .isInstanceOf(StixFormatException.class).hasMessageContaining("Duplicate");
    }
}
