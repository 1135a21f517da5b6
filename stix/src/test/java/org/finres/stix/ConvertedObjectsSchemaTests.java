package org.finres.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.finres.stix.convert.Conversion;
import org.finres.stix.convert.CsvIndicators;
import org.finres.stix.convert.MispEvents;
import org.finres.stix.model.StixObject;
import org.junit.jupiter.api.Test;

/** What the CSV and MISP converters produce validates against the OASIS STIX 2.1 JSON schemas (skipped without ../shared). */
class ConvertedObjectsSchemaTests {

    private static String sample(String name) throws IOException {
        try (InputStream in = ConvertedObjectsSchemaTests.class.getResourceAsStream("convert/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertSchemaValid(Conversion c) {
        assertThat(c.bundle().objects()).isNotEmpty();
        for (StixObject o : c.bundle().objects()) {
            assertThat(SchemaCheck.problems(o)).as(o.json().text()).isEmpty();
        }
    }

    @Test
    void csvConversionIsSchemaValid() throws IOException {
        assertSchemaValid(CsvIndicators.decode(sample("indicators.csv"), Tlp.GREEN));
    }

    @Test
    void mispConversionIsSchemaValid() throws IOException {
        assertSchemaValid(MispEvents.decode(sample("misp-credential-phishing.json"), Tlp.GREEN));
    }
}
