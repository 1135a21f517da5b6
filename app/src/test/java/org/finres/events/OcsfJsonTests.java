package org.finres.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class OcsfJsonTests {

    @ParameterizedTest
    @EnumSource(OcsfClass.class)
    void readsBackWhatItWrites(OcsfClass c) {
        OcsfEvent event = OcsfSamples.full(c);
        OcsfParse parse = OcsfJson.read(OcsfJson.write(event));
        assertThat(parse).isInstanceOfSatisfying(OcsfParse.Parsed.class, p -> assertThat(p.event()).isEqualTo(event));
    }

    @Test
    void writesDerivedIdsAndCaptions() {
        ObjectNode tree = OcsfJson.toTree(OcsfSamples.full(OcsfClass.REGISTRY_VALUE_ACTIVITY));
        assertThat(tree.get("class_uid").asInt()).isEqualTo(201002);
        assertThat(tree.get("type_uid").asLong()).isEqualTo(20100202L);
        assertThat(tree.get("type_name").asString()).isEqualTo("Registry Value Activity: Set");
        assertThat(tree.get("category_name").asString()).isEqualTo("System Activity");
        assertThat(tree.get("severity").asString()).isEqualTo("High");
        assertThat(tree.get("reg_value").get("type_id").asInt()).isEqualTo(10);
    }

    @Test
    void validatorNamesTheAttributes() {
        OcsfEvent broken = new ProcessActivity(BaseAttributes.builder().activityId(42).build(), null, null);
        assertThat(OcsfValidator.validate(broken)).extracting(Violation::attribute)
                .contains("activity_id", "time", "metadata", "actor", "device", "process");
        OcsfEvent badObjects = new FileSystemActivity(OcsfSamples.base(1),
                new FileInfo(null, "/x", 42, java.util.List.of(new Fingerprint(77, "x", null)), null, null, null, null,
                        null, null, null, null), null);
        assertThat(OcsfValidator.validate(badObjects)).extracting(Violation::attribute)
                .contains("file.name", "file.type_id", "file.hashes[0].algorithm_id", "file.hashes[0].value");
    }
}
