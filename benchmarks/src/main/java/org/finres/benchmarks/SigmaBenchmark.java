package org.finres.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.finres.sigma.LoadReport;
import org.finres.sigma.SigmaEngine;
import org.finres.sigma.event.EventView;
import org.finres.sigma.mapping.Pipeline;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every SigmaHQ Windows rule over the OTRF corpus on one core: events/s of parsing alone (the baseline), of
 * parsing and evaluating, and of evaluating pre-parsed events, all in one run, by wall time and by the thread's CPU
 * time. The target of the engine (ADR 010): evaluating every rule costs no more than parsing, i.e. "evaluate on parsed
 * events" runs at half the parsing rate or better.
 */
public final class SigmaBenchmark {

    public static void main(String[] args) {
        Path rules = Path.of("../shared/data/sigma/rules/rules/windows");
        if (!Files.isDirectory(rules)) {
            throw new IllegalStateException("SigmaHQ rules not found at " + rules.toAbsolutePath());
        }
        int requested = OtrfCorpus.eventsRequested(200_000);
        List<String> lines = OtrfCorpus.lines(requested);
        long loadStart = System.nanoTime();
        SigmaEngine engine = SigmaEngine.builder().pipeline(Pipeline.windows()).rules(rules).build();
        LoadReport report = engine.report();
        System.out.printf("%,d rules compiled in %.1f s from %,d files (%d failed, %d unsupported, %d warnings)%n",
                engine.rules().size(), (System.nanoTime() - loadStart) / 1e9, report.files(), report.failed().size(),
                report.unsupported().size(), report.warnings().size());
        System.out.printf("rule index: %,d variants, %,d through necessary literals; %s%n", engine.index().size(),
                engine.index().indexedByLiteral(), engine.index().describe());
        System.out.printf("%,d OTRF events%n", lines.size());
        JsonMapper json = JsonMapper.builder().build();

        // Wall time and this thread's CPU time: on a shared machine the CPU time is the steadier measure of one core.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[3];
        double[] cpu = new double[3];
        long matches = 0;
        List<JsonNode> parsed = new ArrayList<>(lines.size());
        for (String line : lines) {
            parsed.add(json.readTree(line));
        }
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long fields = 0;
            for (String line : lines) {
                fields += json.readTree(line).size();
            }
            record(0, lines.size(), start, cpuStart, threads, wall, cpu);

            start = System.nanoTime();
            cpuStart = threads.getCurrentThreadCpuTime();
            long found = 0;
            for (int i = 0; i < lines.size(); i++) {
                found += engine.evaluate(EventView.of(json.readTree(lines.get(i))), "otrf", i).size();
            }
            record(1, lines.size(), start, cpuStart, threads, wall, cpu);

            start = System.nanoTime();
            cpuStart = threads.getCurrentThreadCpuTime();
            long foundAgain = 0;
            for (int i = 0; i < parsed.size(); i++) {
                foundAgain += engine.evaluate(EventView.of(parsed.get(i)), "otrf", i).size();
            }
            record(2, parsed.size(), start, cpuStart, threads, wall, cpu);
            matches = foundAgain;
            if (fields == 0 || found != foundAgain) {
                throw new IllegalStateException("nothing parsed, or the two evaluation passes disagree");
            }
        }
        System.out.println();
        System.out.println("| measure (1 core, best of 3) | events/s (wall) | ratio to parsing | events/s (thread CPU) | ratio to parsing |");
        System.out.println("| --- | --- | --- | --- | --- |");
        String[] names = {"parse JSON (baseline)", "parse + evaluate %,d rules", "evaluate %,d rules on parsed events"};
        for (int m = 0; m < 3; m++) {
            System.out.printf("| %s | %,.0f | %.2f | %,.0f | %.2f |%n", names[m].formatted(engine.rules().size()),
                    wall[m], wall[m] / wall[0], cpu[m], cpu[m] / cpu[0]);
        }
        System.out.printf("%,d detection matches per pass%n", matches);
    }

    /** Keeps the best rate of measure {@code m} by wall time and by this thread's CPU time. */
    private static void record(int m, int events, long start, long cpuStart, ThreadMXBean threads, double[] wall,
                               double[] cpu) {
        wall[m] = Math.max(wall[m], events / seconds(start));
        cpu[m] = Math.max(cpu[m], events / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private SigmaBenchmark() {
    }
}
