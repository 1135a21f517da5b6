package org.finres.events.internal.decode;

import org.finres.core.InstitutionId;
import org.finres.events.DecodeContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the shared corpora live, relative to the repository root (surefire's working directory). */
final class SharedCorpus {

    static final Path SIGMA_REGRESSION = Path.of("../shared/data/sigma/regression");
    static final Path OTRF_WINDOWS = Path.of("../shared/data/otrf/datasets/atomic/windows");

    /** The labs that recorded the corpora logged in UTC; the receive time is after all their events. */
    static final DecodeContext CONTEXT = DecodeContext.of(InstitutionId.of("bank-a"), Instant.parse("2026-11-01T00:00:00Z"))
            .inZone(ZoneOffset.UTC);

    private SharedCorpus() {
    }

    static Path require(Path path) {
        assumeTrue(Files.isDirectory(path), "shared corpus not available at " + path.toAbsolutePath());
        return path;
    }
}
