package org.finres.sigma;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared corpora; tests that need them are skipped (not failed) when a clone has no ../shared. */
final class SharedCorpus {

    static final Path ROOT = Path.of("../shared");
    static final Path SPECS = ROOT.resolve("specs/sigma");
    static final Path RULES = ROOT.resolve("data/sigma/rules");
    static final Path REGRESSION = ROOT.resolve("data/sigma/regression");
    static final Path OTRF = ROOT.resolve("data/otrf/datasets");
    static final Path THOR_MAPPING = ROOT.resolve("data/sigma/thor-logsource-mapping.yml");

    private SharedCorpus() {}

    static Path require(Path p) {
        Assumptions.assumeTrue(Files.exists(p), () -> p.toAbsolutePath().normalize() + " is absent; skipping");
        return p;
    }
}
