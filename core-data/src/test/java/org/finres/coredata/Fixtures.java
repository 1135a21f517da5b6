package org.finres.coredata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

/** Hand-written source fixtures (src/test/resources) copied into a test's folder, where a test may change them. */
final class Fixtures {

    static final LocalDate DATE = LocalDate.of(2026, 3, 2);
    static final byte[] SECRET = "test-institution-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8);
    static final CustomerPseudonymiser PSEUDONYMS = new CustomerPseudonymiser(SECRET);

    private Fixtures() {
    }

    static Path copy(String resource, Path into) {
        try {
            Path from = Path.of(Fixtures.class.getResource("/" + resource).toURI());
            Files.createDirectories(into);
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.toList()) {
                    Files.copy(f, into.resolve(f.getFileName()));
                }
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the first occurrence of {@code from} in a file (the test fails if it is not there). */
    static void replace(Path file, String from, String to) {
        try {
            String s = Files.readString(file);
            if (!s.contains(from)) {
                throw new AssertionError(file + " does not contain " + from);
            }
            Files.writeString(file, s.replaceFirst(java.util.regex.Pattern.quote(from),
                    java.util.regex.Matcher.quoteReplacement(to)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ImportOptions options() {
        return ImportOptions.of("bank-a", DATE, PSEUDONYMS);
    }
}
