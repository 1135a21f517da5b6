package org.finres.stix;

import java.io.IOException;
import java.io.InputStream;

import org.finres.stix.model.StixObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ATT&CK-shaped test bundle is STIX 2.1 as the OASIS schemas define it (custom x_mitre_ properties and objects
 * allowed), so the catalogue reader is tested on what MITRE's real bundles look like, not on a looser shape.
 */
class AttackBundleSchemaTests {

    @Test
    void theAttackTestBundleValidatesAgainstTheOasisSchemas() throws IOException {
        StixBundle bundle;
        try (InputStream in = getClass().getResourceAsStream("/attack/mini-enterprise-attack.json")) {
            bundle = StixBundleReader.read(in);
        }
        for (StixObject o : bundle.objects()) {
            assertThat(SchemaCheck.problems(o)).as(o.id().toString()).isEmpty();
        }
        assertThat(new StixValidator().validate(bundle)).isEmpty();
    }
}
