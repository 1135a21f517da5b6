package org.finres.stix;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the OASIS STIX 2.1 material in ../shared; tests that need it are skipped when a clone has none. */
final class SharedCorpus {

    static final Path STIX = Path.of("../shared/specs/stix2");
    static final Path SCHEMAS = STIX.resolve("schemas");

    private SharedCorpus() {}

    static Path require(Path p) {
        Assumptions.assumeTrue(Files.exists(p), () -> p.toAbsolutePath().normalize() + " is absent; skipping");
        return p;
    }

    /** Every JSON document of examples/ (interop/ holds the interop profile's schemas, not documents). */
    static List<Path> documents() {
        require(STIX);
        try (Stream<Path> s = Files.walk(STIX.resolve("examples"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
