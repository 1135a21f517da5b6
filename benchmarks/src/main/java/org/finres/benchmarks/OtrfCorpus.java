package org.finres.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The OTRF Windows datasets in ../shared: NXLog-flattened events, one JSON object per line, inside zips. */
final class OtrfCorpus {

    static final Path ROOT = Path.of("../shared/data/otrf/datasets/atomic/windows");

    private OtrfCorpus() {
    }

    /** Up to {@code limit} event lines, zips in name order, skipping macOS resource forks. */
    static List<String> lines(int limit) {
        if (!Files.isDirectory(ROOT)) {
            throw new IllegalStateException("the OTRF corpus is not at " + ROOT.toAbsolutePath()
                    + "; run from the repository root with ../shared beside it");
        }
        List<String> lines = new ArrayList<>(Math.min(limit, 1_000_000));
        List<Path> zips;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            zips = walk.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path zip : zips) {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    if (entry.isDirectory() || entry.getName().contains("__MACOSX")) {
                        continue;
                    }
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    for (String line; (line = reader.readLine()) != null; ) {
                        if (!line.isBlank() && line.startsWith("{")) {
                            lines.add(line);
                            if (lines.size() >= limit) {
                                return lines;
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + zip + ": " + e.getMessage(), e);
            }
        }
        return lines;
    }

    static int eventsRequested(int fallback) {
        String value = System.getProperty("bench.events", "");
        return value.isBlank() || value.startsWith("$") ? fallback : Integer.parseInt(value);
    }
}
