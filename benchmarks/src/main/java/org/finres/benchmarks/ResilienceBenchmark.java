package org.finres.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.LongSupplier;

import org.finres.resilience.engine.analysis.DependencyGraph;
import org.finres.resilience.engine.analysis.FailureSweep;
import org.finres.resilience.engine.analysis.MonteCarloOptions;
import org.finres.resilience.engine.analysis.MonteCarloProgress;
import org.finres.resilience.engine.analysis.ResilienceAnalysis;
import org.finres.resilience.engine.analysis.ScenarioResult;
import org.finres.resilience.engine.analysis.SinglePointOfFailure;
import org.finres.resilience.engine.format.RegisterReader;
import org.finres.resilience.engine.format.RegisterWriter;
import org.finres.resilience.engine.generator.GeneratedRegister;
import org.finres.resilience.engine.generator.RegisterGenerator;

/**
 * The all-layers failure sweep (the loss of every element in turn, each propagated with redundancy to every service)
 * on a generated 10,000-node register, on one core, against the plainest traversal of the same graph measured in the
 * same run: one breadth-first search from all services over every dependency. The ratio says what a whole sweep
 * costs in plain traversals; a sweep that propagated each loss over the whole graph would cost about one traversal
 * per element (10,000). Also: a BFS from each service separately, each whole layer lost at once, reading the register
 * as YAML, and a Monte-Carlo run.
 */
public final class ResilienceBenchmark {

    public static void main(String[] args) {
        int nodes = Integer.getInteger("bench.nodes", 10_000);
        int trials = Integer.getInteger("bench.trials", 1_000);
        long seed = Long.getLong("bench.seed", 2026);
        GeneratedRegister generated = RegisterGenerator.generate(seed, nodes);
        ResilienceAnalysis analysis = new ResilienceAnalysis(generated.register());
        DependencyGraph graph = analysis.graph();
        String yaml = RegisterWriter.toYaml(generated.register());
        System.out.printf("generated register: %,d nodes, %,d dependency edges, %,d services, %,d YAML bytes%n",
                graph.size(), graph.edges(), generated.register().services().size(), yaml.length());

        FailureSweep check = analysis.sweep();
        List<SinglePointOfFailure> hidden = check.hidden();
        System.out.printf("sweep: %,d element losses, %,d single points of failure, hidden: %s (planted: %s)%n",
                check.results().size(), check.singlePointsOfFailure().size(),
                hidden.stream().map(s -> s.element().value()).toList(), generated.plantedSpof());
        if (hidden.size() != 1 || !hidden.getFirst().element().equals(generated.plantedSpof())) {
            throw new IllegalStateException("the sweep did not find exactly the planted hidden SPOF");
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] names = {"one BFS over the graph (baseline)", "BFS from each service separately",
                "all-layers sweep: every element lost in turn", "each whole layer lost at once",
                "read the register (YAML) and compile it", "Monte-Carlo, %,d trials".formatted(trials)};
        LongSupplier[] work = {
            graph::traverseOnce,
            graph::traverseFromEveryService,
            () -> analysis.sweep().results().size(),
            () -> analysis.wholeLayerSweep().stream().mapToLong(r -> r.impacts().size()).sum(),
            () -> new ResilienceAnalysis(RegisterReader.read(yaml)).graph().size(),
            () -> analysis.monteCarlo(new MonteCarloOptions(trials, seed, 0.001), MonteCarloProgress.NONE)
                    .services().size()};
        double[] wall = new double[work.length];
        double[] cpu = new double[work.length];
        java.util.Arrays.fill(wall, Double.MAX_VALUE);
        java.util.Arrays.fill(cpu, Double.MAX_VALUE);
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            for (int m = 0; m < work.length; m++) {
                // Repeat quick measures until they run for at least 200 ms, so the timer's resolution does not count.
                int repeats = 0;
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                do {
                    sink += work[m].getAsLong();
                    repeats++;
                } while (System.nanoTime() - start < 200_000_000L && m < 2);
                wall[m] = Math.min(wall[m], (System.nanoTime() - start) / 1e6 / repeats);
                cpu[m] = Math.min(cpu[m], (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / repeats);
            }
        }
        System.out.println();
        System.out.println("| measure (1 core, best of 3) | ms (wall) | ratio to one BFS | ms (thread CPU) | ratio to one BFS |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (int m = 0; m < work.length; m++) {
            System.out.printf("| %s | %,.3f | %,.1f | %,.3f | %,.1f |%n", names[m], wall[m], wall[m] / wall[0], cpu[m],
                    cpu[m] / cpu[0]);
        }
        long affected = check.results().stream().mapToLong(r -> r.impacts().size()).sum();
        System.out.printf("%nper element lost: %.1f µs; %,d service impacts over the sweep (checksum %d)%n",
                wall[2] * 1000 / check.results().size(), affected, sink % 1000);
    }

    private ResilienceBenchmark() {
    }
}
