package org.finres.sigma;

import org.finres.sigma.event.EventView;
import org.finres.sigma.mapping.Pipeline;
import org.finres.sigma.match.CompiledRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NXLog-flattened Windows events of the OTRF data sets, scanned with the whole SigmaHQ corpus and our Windows
 * pipeline: known attacks must be detected by the rules written for them, and the scan must be fast.
 */
class OtrfDatasetTests {

    private static SigmaEngine engine;

    @BeforeAll
    static void loadCorpus() {
        SharedCorpus.require(SharedCorpus.OTRF);
        engine = SigmaEngine.builder().pipeline(Pipeline.windows()).rules(SharedCorpus.require(SharedCorpus.RULES)).build();
    }

    private record Scan(long events, Map<String, Integer> titles, long nanos) {}

    private static Scan scan(String dataset) throws IOException {
        Path zip = SharedCorpus.require(SharedCorpus.OTRF.resolve(dataset));
        Map<String, Integer> titles = new TreeMap<>();
        long events = 0;
        long start = System.nanoTime();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = z.stream().filter(e -> e.getName().endsWith(".json")).toList();
            for (ZipEntry entry : entries) {
                try (InputStream in = z.getInputStream(entry)) {
                    events += engine.scan(in, entry.getName(), m -> titles.merge(m.title(), 1, Integer::sum));
                }
            }
        }
        engine.flush();
        return new Scan(events, titles, System.nanoTime() - start);
    }

    /** The index only narrows: on real events it must find exactly what testing every compiled rule finds. */
    @Test
    void theRuleIndexFindsExactlyWhatEvaluatingEveryRuleFinds() throws IOException {
        Path zip = SharedCorpus.require(SharedCorpus.OTRF.resolve("atomic/windows/credential_access/host/psh_lsass_memory_dump_comsvcs.zip"));
        int events = 0;
        int matches = 0;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : z.stream().filter(e -> e.getName().endsWith(".json")).toList()) {
                try (InputStream in = z.getInputStream(entry); EventReader reader = EventReader.open(in)) {
                    while (reader.hasNext()) {
                        EventView e = EventView.of(reader.next());
                        Set<String> indexed = new TreeSet<>();
                        engine.evaluate(e, "x", events++).forEach(m -> indexed.add(m.ruleId()));
                        Set<String> brute = new TreeSet<>();
                        for (CompiledRule r : engine.rules()) if (r.match(e) != null) brute.add(r.rule().label());
                        assertThat(indexed).as("event %d", events - 1).isEqualTo(brute);
                        matches += brute.size();
                    }
                }
            }
        }
        assertThat(events).isGreaterThan(100);
        assertThat(matches).isPositive();
    }

    /**
     * The same over every OTRF data set (the first events of each file): the necessary-literal prefilter must not lose
     * a single match of any rule, whatever the event type.
     */
    @Test
    void thePrefilterLosesNoMatchOnAnyOtrfDataSet() throws IOException {
        List<Path> zips;
        try (var walk = java.nio.file.Files.walk(SharedCorpus.OTRF)) {
            zips = walk.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
        var scratch = engine.index().newCandidates();
        int events = 0;
        int matches = 0;
        for (Path zip : zips) {
            try (ZipFile z = new ZipFile(zip.toFile())) {
                for (ZipEntry entry : z.stream().filter(e -> e.getName().endsWith(".json") && !e.getName().contains("__MACOSX")).toList()) {
                    try (InputStream in = z.getInputStream(entry); EventReader reader = EventReader.open(in)) {
                        for (int n = 0; n < 120 && reader.hasNext(); n++) {
                            var node = reader.next();
                            if (!node.isObject()) continue;
                            EventView e = EventView.of(node);
                            events++;
                            Set<CompiledRule.Variant> candidates = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                            candidates.addAll(engine.index().candidates(e, scratch));
                            Set<String> brute = new TreeSet<>();
                            for (CompiledRule r : engine.rules()) {
                                for (CompiledRule.Variant v : r.variants()) {
                                    if (!v.matches(e)) continue;
                                    brute.add(v.toString());
                                    assertThat(candidates).as("%s event %d", zip.getFileName(), n).contains(v);
                                }
                            }
                            matches += brute.size();
                        }
                    } catch (RuntimeException unreadable) {
                        // A few OTRF files are not JSON events; they do not test the index.
                        if (!(unreadable instanceof tools.jackson.core.JacksonException)) throw unreadable;
                    }
                }
            }
        }
        System.out.printf("prefilter agreement: %d events of %d data sets, %d rule matches%n", events, zips.size(), matches);
        assertThat(events).isGreaterThan(5000);
        assertThat(matches).isPositive();
    }

    @Test
    void knownAttacksInNxlogEventsAreDetected() throws IOException {
        List<String[]> expectations = List.of(
                new String[] {"atomic/windows/credential_access/host/psh_lsass_memory_dump_comsvcs.zip", "comsvcs"},
                new String[] {"atomic/windows/credential_access/host/cmd_dumping_ntds_dit_file_ntdsutil.zip", "ntds"},
                new String[] {"atomic/windows/defense_evasion/host/cmd_bitsadmin_download_psh_script.zip", "bitsadmin"});
        List<String> missing = new ArrayList<>();
        long events = 0;
        long nanos = 0;
        for (String[] x : expectations) {
            Scan s = scan(x[0]);
            events += s.events();
            nanos += s.nanos();
            System.out.println("OTRF " + x[0] + ": " + s.events() + " events, matches " + s.titles());
            if (s.titles().keySet().stream().noneMatch(t -> t.toLowerCase().contains(x[1]))) missing.add(x[0] + " (" + x[1] + ")");
        }
        System.out.printf("OTRF throughput with %d rules: %.0f events/s%n", engine.rules().size(), events / (nanos / 1e9));
        assertThat(missing).isEmpty();
    }
}
