package org.finres.resilience.engine.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.finres.resilience.engine.Component;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.FailureModel;
import org.finres.resilience.engine.ImpactTolerance;
import org.finres.resilience.engine.ImportantService;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.RecoveryDistribution;
import org.finres.resilience.engine.Register;

/**
 * The analyses over one register. Compiles the graph once; each method runs on its own propagation state, so an
 * instance may be shared by threads.
 */
public final class ResilienceAnalysis {

    private final DependencyGraph g;

    public ResilienceAnalysis(Register register) {
        this.g = DependencyGraph.of(register);
    }

    public DependencyGraph graph() {
        return g;
    }

    /** What one scenario does to every service it touches. */
    public ScenarioResult evaluate(Scenario scenario) {
        Propagation p = new Propagation(g);
        int[] failed = failedSet(scenario);
        p.run(failed, failed.length, null);
        return result(scenario.name(), failed, p);
    }

    /**
     * The loss of every component of the register in turn (every process, application, data store, site, zone,
     * region, provider, carrier and supplier), with the effective RTO/RPO and single points of failure it implies.
     */
    public FailureSweep sweep() {
        Propagation p = new Propagation(g);
        int n = g.size();
        long[] worstDown = new long[n];
        int[] worstDownBy = new int[n];
        long[] worstLoss = new long[n];
        int[] worstLossBy = new int[n];
        Arrays.fill(worstDownBy, -1);
        Arrays.fill(worstLossBy, -1);
        List<ScenarioResult> results = new ArrayList<>();
        List<SinglePointOfFailure> spofs = new ArrayList<>();
        int[] one = new int[1];
        for (int i = 0; i < n; i++) {
            if (g.layer[i] == Layer.SERVICE) {
                continue;
            }
            one[0] = i;
            p.run(one, 1, null);
            for (int s : g.services) {
                if (!p.isAffected(s)) {
                    continue;
                }
                if (p.down[s] > worstDown[s]) {
                    worstDown[s] = p.down[s];
                    worstDownBy[s] = i;
                }
                if (p.loss[s] > worstLoss[s]) {
                    worstLoss[s] = p.loss[s];
                    worstLossBy[s] = i;
                }
            }
            ScenarioResult r = result("loss of " + g.nodes[i].id(), one, p);
            results.add(r);
            List<ServiceImpact> breached = r.breached();
            if (!breached.isEmpty()) {
                boolean hidden = breached.stream().anyMatch(ServiceImpact::throughRedundancyOnly);
                spofs.add(new SinglePointOfFailure(g.nodes[i].id(), g.layer[i], hidden, breached,
                        r.defeatedGroups()));
            }
        }
        List<EffectiveRecovery> effective = new ArrayList<>();
        for (int s : g.services) {
            ImportantService svc = (ImportantService) g.nodes[s];
            effective.add(new EffectiveRecovery(svc.id(), svc.tolerance(), Duration.ofMillis(worstDown[s]),
                    idOf(worstDownBy[s]), Duration.ofMillis(worstLoss[s]), idOf(worstLossBy[s])));
        }
        effective.sort(Comparator.comparing(EffectiveRecovery::service));
        return new FailureSweep(results, effective, spofs);
    }

    /** Each layer lost entirely, one after the other: every site at once, every region at once, and so on. */
    public List<ScenarioResult> wholeLayerSweep() {
        List<ScenarioResult> results = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            if (layer != Layer.SERVICE && Arrays.asList(g.layer).contains(layer)) {
                results.add(evaluate(Scenario.wholeLayer(layer)));
            }
        }
        return results;
    }

    /** The order to restore in after {@code scenario} (see {@link RestorationPlan}). */
    public RestorationPlan restorationOrder(Scenario scenario) {
        Propagation p = new Propagation(g);
        int[] failed = failedSet(scenario);
        p.run(failed, failed.length, null);
        List<Integer> hit = new ArrayList<>();
        for (int s : g.services) {
            if (p.isAffected(s) && p.down[s] > 0) {
                hit.add(s);
            }
        }
        hit.sort(Comparator.<Integer>comparingLong(s -> mtd(s) - p.down[s]).thenComparingLong(this::mtd)
                .thenComparing(s -> g.nodes[s].id()));
        List<RestorationPlan.ServicePriority> priorities = new ArrayList<>();
        List<RestorationPlan.Step> steps = new ArrayList<>();
        boolean[] scheduled = new boolean[g.size()];
        java.util.Map<Integer, List<ElementId>> servedBy = new java.util.HashMap<>();
        List<Integer> order = new ArrayList<>();
        int rank = 0;
        for (int s : hit) {
            long mtd = mtd(s);
            priorities.add(new RestorationPlan.ServicePriority(++rank, g.nodes[s].id(), Duration.ofMillis(mtd),
                    Duration.ofMillis(p.down[s]), Duration.ofMillis(mtd - p.down[s])));
            List<Integer> needed = neededFailed(s, p);
            needed.sort(null);   // topological numbers: dependencies first
            for (int e : needed) {
                servedBy.computeIfAbsent(e, k -> new ArrayList<>()).add(g.nodes[s].id());
                if (!scheduled[e]) {
                    scheduled[e] = true;
                    order.add(e);
                }
            }
        }
        List<Integer> rest = new ArrayList<>();
        for (int f : failed) {
            if (!scheduled[f]) {
                scheduled[f] = true;
                rest.add(f);
            }
        }
        rest.sort(null);
        order.addAll(rest);
        int step = 0;
        for (int e : order) {
            steps.add(new RestorationPlan.Step(++step, g.nodes[e].id(), g.layer[e], Duration.ofMillis(g.rtoMillis[e]),
                    servedBy.getOrDefault(e, List.of())));
        }
        return new RestorationPlan(scenario.name(), priorities, steps);
    }

    /**
     * The lost elements service {@code s} waits for: down through serial dependencies; through a redundancy group
     * only when every member is down, and then the member that comes back first.
     */
    private List<Integer> neededFailed(int s, Propagation p) {
        List<Integer> needed = new ArrayList<>();
        boolean[] seen = new boolean[g.size()];
        IntStack stack = new IntStack(s);
        seen[s] = true;
        while (!stack.isEmpty()) {
            int v = stack.pop();
            if (p.isFailed(v)) {
                needed.add(v);
            }
            for (int k = g.linkStart[v]; k < g.linkStart[v + 1]; k++) {
                int x = g.link[k];
                if (x >= 0) {
                    if (!seen[x] && p.isAffected(x) && p.down[x] > 0) {
                        seen[x] = true;
                        stack.push(x);
                    }
                } else {
                    int best = -1;
                    for (int m : g.groupMembers[-1 - x]) {
                        if (!p.isAffected(m) || p.down[m] == 0) {
                            best = -2;   // a member is up: the group failed over, nothing to restore for s
                            break;
                        }
                        if (best == -1 || p.down[m] < p.down[best]) {
                            best = m;
                        }
                    }
                    if (best >= 0 && !seen[best]) {
                        seen[best] = true;
                        stack.push(best);
                    }
                }
            }
        }
        return needed;
    }

    /** A growable int stack; the graph may be 10,000 deep, so no recursion. */
    private static final class IntStack {
        private int[] items = new int[16];
        private int size;

        IntStack(int first) {
            push(first);
        }

        void push(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        int pop() {
            return items[--size];
        }

        boolean isEmpty() {
            return size == 0;
        }
    }

    /**
     * Monte-Carlo over failure and recovery-time distributions: in each trial every component fails with its
     * probability and, if it does, recovers in a sampled time; the failures propagate together. Deterministic for a
     * seed. Interrupting the calling thread cancels the run ({@link CancellationException}).
     */
    public MonteCarloResult monteCarlo(MonteCarloOptions options, MonteCarloProgress progress) {
        int n = g.size();
        double[] probability = new double[n];
        RecoveryDistribution[] recovery = new RecoveryDistribution[n];
        for (int i = 0; i < n; i++) {
            if (g.nodes[i] instanceof Component c) {
                Optional<FailureModel> m = c.failure();
                probability[i] = m.map(FailureModel::probability).orElse(options.defaultProbability());
                recovery[i] = m.map(FailureModel::recovery).orElseGet(() -> new RecoveryDistribution.Triangular(
                        c.rto().dividedBy(2), c.rto(), c.rto().multipliedBy(3)));
            }
        }
        int services = g.services.length;
        long[][] downtime = new long[services][options.trials()];
        int[] breaches = new int[services];
        int[] dataBreaches = new int[services];
        SplittableRandom random = new SplittableRandom(options.seed());
        Propagation p = new Propagation(g);
        int[] failed = new int[n];
        long[] own = new long[n];
        int step = Math.max(1, options.trials() / 100);
        for (int t = 0; t < options.trials(); t++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("Monte-Carlo run interrupted after " + t + " trials");
            }
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (recovery[i] != null && random.nextDouble() < probability[i]) {
                    failed[count++] = i;
                    own[i] = recovery[i].sampleMillis(random);
                }
            }
            p.run(failed, count, own);
            for (int k = 0; k < services; k++) {
                int s = g.services[k];
                if (p.isAffected(s)) {
                    downtime[k][t] = p.down[s];
                    ImpactTolerance tol = ((ImportantService) g.nodes[s]).tolerance();
                    if (p.down[s] > tol.maxTolerableDowntime().toMillis()) {
                        breaches[k]++;
                    }
                    if (p.loss[s] > tol.rpo().toMillis()) {
                        dataBreaches[k]++;
                    }
                }
            }
            if ((t + 1) % step == 0 || t + 1 == options.trials()) {
                progress.trialsDone(t + 1, options.trials());
            }
        }
        List<MonteCarloResult.ServiceOutlook> outlooks = new ArrayList<>();
        double trials = options.trials();
        for (int k = 0; k < services; k++) {
            long[] d = downtime[k];
            Arrays.sort(d);
            long sum = 0;
            int outages = 0;
            for (long v : d) {
                sum += v;
                if (v > 0) {
                    outages++;
                }
            }
            outlooks.add(new MonteCarloResult.ServiceOutlook(g.nodes[g.services[k]].id(), rank(d, 0.50),
                    rank(d, 0.90), rank(d, 0.95), rank(d, 0.99), Duration.ofMillis(d[d.length - 1]),
                    Duration.ofMillis(sum / d.length), outages / trials, breaches[k] / trials,
                    dataBreaches[k] / trials));
        }
        outlooks.sort(Comparator.comparing(MonteCarloResult.ServiceOutlook::service));
        return new MonteCarloResult(options.trials(), options.seed(), outlooks);
    }

    private static Duration rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return Duration.ofMillis(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
    }

    private long mtd(int s) {
        return ((ImportantService) g.nodes[s]).tolerance().maxTolerableDowntime().toMillis();
    }

    private Optional<ElementId> idOf(int i) {
        return i < 0 ? Optional.empty() : Optional.of(g.nodes[i].id());
    }

    private int[] failedSet(Scenario scenario) {
        Set<Integer> set = new LinkedHashSet<>();
        collect(scenario, set);
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    private void collect(Scenario scenario, Set<Integer> into) {
        switch (scenario) {
            case Scenario.ElementsLost lost -> {
                for (ElementId id : lost.elements()) {
                    int i = g.indexOf(id);
                    if (g.layer[i] == Layer.SERVICE) {
                        throw new IllegalArgumentException("'" + id + "' is a service; a scenario loses the"
                                + " elements beneath services");
                    }
                    into.add(i);
                }
            }
            case Scenario.LayerLost layerLost -> {
                for (int i = 0; i < g.size(); i++) {
                    if (g.layer[i] == layerLost.layer()) {
                        into.add(i);
                    }
                }
            }
            case Scenario.Combined combined -> combined.parts().forEach(part -> collect(part, into));
        }
    }

    private ScenarioResult result(String name, int[] failed, Propagation p) {
        List<ServiceImpact> impacts = new ArrayList<>();
        for (int s : g.services) {
            if (!p.isAffected(s) || p.down[s] == 0 && p.loss[s] == 0 && p.capacity[s] >= 1.0) {
                continue;
            }
            ImpactTolerance tol = ((ImportantService) g.nodes[s]).tolerance();
            Duration down = Duration.ofMillis(p.down[s]);
            Duration loss = Duration.ofMillis(p.loss[s]);
            int capacity = (int) Math.floor(p.capacity[s] * 100 + 1e-9);
            List<Breach> breaches = new ArrayList<>(3);
            if (down.compareTo(tol.maxTolerableDowntime()) > 0) {
                breaches.add(new Breach.Downtime(tol.maxTolerableDowntime(), down));
            }
            if (loss.compareTo(tol.rpo()) > 0) {
                breaches.add(new Breach.DataLoss(tol.rpo(), loss));
            }
            if (capacity < tol.minimumServiceLevelPercent()) {
                breaches.add(new Breach.ServiceLevel(tol.minimumServiceLevelPercent(), capacity));
            }
            impacts.add(new ServiceImpact(g.nodes[s].id(), down, loss, capacity, p.down[s] > 0 && !p.plain[s],
                    breaches));
        }
        List<ElementId> failedIds = new ArrayList<>(failed.length);
        for (int f : failed) {
            failedIds.add(g.nodes[f].id());
        }
        List<ElementId> defeated = new ArrayList<>(p.defeatedCount);
        for (int k = 0; k < p.defeatedCount; k++) {
            defeated.add(g.groups[p.defeatedGroups[k]].id());
        }
        return new ScenarioResult(name, failedIds, impacts, defeated);
    }
}
