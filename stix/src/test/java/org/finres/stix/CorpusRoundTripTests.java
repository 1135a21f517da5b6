package org.finres.stix;

import org.finres.stix.model.StixObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every OASIS example document loads, validates and is written back byte for byte. */
class CorpusRoundTripTests {

    @TestFactory
    Stream<DynamicTest> everyDocumentRoundTripsByteForByte() {
        return SharedCorpus.documents().stream().map(p -> DynamicTest.dynamicTest(name(p), () -> {
            byte[] original = Files.readAllBytes(p);
            StixBundle bundle = StixBundleReader.read(original);
            assertThat(bundle.objects()).isNotEmpty();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StixBundleWriter.write(bundle, out);
            assertThat(out.toByteArray()).isEqualTo(original);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyObjectKeepsItsExactTextWhenStreamed() {
        return SharedCorpus.documents().stream().map(p -> DynamicTest.dynamicTest(name(p), () -> {
            String original = Files.readString(p, StandardCharsets.UTF_8);
            List<StixObject> streamed = new ArrayList<>();
            StixBundleReader.stream(new ByteArrayInputStream(original.getBytes(StandardCharsets.UTF_8)), streamed::add);
            assertThat(streamed).isNotEmpty();
            for (StixObject o : streamed) {
                assertThat(original).contains(o.json().text());
                assertThat(StixBundleReader.readObject(o.json().text()).json().tree()).isEqualTo(o.json().tree());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyObjectValidates() {
        return SharedCorpus.documents().stream().map(p -> DynamicTest.dynamicTest(name(p), () -> {
            StixBundle bundle = StixBundleReader.read(p);
            assertThat(new StixValidator().validate(bundle)).as(p.toString()).isEmpty();
        }));
    }

    @Test
    void loadsEveryDocumentOfTheCorpus() throws IOException {
        int objects = 0;
        List<Path> docs = SharedCorpus.documents();
        for (Path p : docs) objects += StixBundleReader.read(p).objects().size();
        assertThat(docs).hasSize(8);
        assertThat(objects).isGreaterThan(200);
    }

    private static String name(Path p) {
        return SharedCorpus.STIX.relativize(p).toString();
    }
}
