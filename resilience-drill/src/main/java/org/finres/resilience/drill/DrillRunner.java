package org.finres.resilience.drill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.finres.resilience.drill.evidence.Breach;
import org.finres.resilience.drill.evidence.DrillEvidence;
import org.finres.resilience.drill.evidence.DrillOutcome;
import org.finres.resilience.drill.evidence.EntryKind;
import org.finres.resilience.drill.evidence.EvidenceContent;
import org.finres.resilience.drill.evidence.Measurements;
import org.finres.resilience.drill.evidence.ProbeSummary;
import org.finres.resilience.drill.evidence.Timeline;
import org.finres.resilience.drill.evidence.TimelineEntry;
import org.finres.resilience.drill.evidence.Tolerances;
import org.finres.resilience.drill.evidence.WorkloadSummary;
import org.finres.resilience.drill.plan.DrillAction;
import org.finres.resilience.drill.plan.DrillPlan;
import org.finres.resilience.drill.plan.Probe;
import org.finres.resilience.engine.DurationText;
import org.finres.vault.engine.signing.SigningKeyPair;

/**
 * Runs one drill plan against the real system and returns its signed evidence:
 * <ol>
 * <li>checks the steady state (every probe up); if it does not hold the drill is ABORTED and the fault is never
 * injected;</li>
 * <li>starts the workload and lets it run for its warm-up;</li>
 * <li>injects the fault and polls the probes every interval: <em>detection</em> is the first failing probe after
 * the fault, <em>switchover</em> the first time all probes pass again after that (zero when no probe failed within
 * {@code settle});</li>
 * <li>stops the workload and reads the reconciliation until it answers with all probes up: <em>recovery</em>;
 * acknowledged transfers it does not list are lost, and the data lost spans from the first of them to the
 * fault;</li>
 * <li>compares switchover with the maximum tolerable downtime, recovery with the RTO and data lost with the RPO
 * (PASSED or FAILED with the breaches); an abort condition ends the drill early as ABORTED;</li>
 * <li>always runs the rollback actions, then signs the evidence.</li>
 * </ol>
 * Interrupting the running thread aborts the drill (rollback still runs) and leaves the thread interrupted.
 */
public final class DrillRunner {

    private final SigningKeyPair key;
    private final DrillListener listener;
    private final Clock clock;
    private final Checks checks = new Checks();

    public DrillRunner(SigningKeyPair key, DrillListener listener) {
        this(key, listener, Clock.systemUTC());
    }

    DrillRunner(SigningKeyPair key, DrillListener listener, Clock clock) {
        this.key = key;
        this.listener = listener;
        this.clock = clock;
    }

    /** Thrown inside a run when the thread is interrupted; turned into an ABORTED outcome. */
    private static final class Interrupted extends Exception {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }

    /** The state of one run. */
    private final class Run {
        final DrillPlan plan;
        final Timeline timeline = new Timeline(clock);
        final Instant startedAt = clock.instant();
        final long startNanos = System.nanoTime();
        final Map<String, ProbeState> probes = new LinkedHashMap<>();
        final String runId = HexFormat.of().toHexDigits(System.nanoTime() ^ startedAt.toEpochMilli()).substring(8);
        final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        long faultNanos;
        Duration detection;
        Duration switchover;
        Duration recovery;
        Duration dataLoss;
        WorkloadSummary workload;
        WorkloadDriver driver;

        Run(DrillPlan plan) {
            this.plan = plan;
            plan.probes().forEach(p -> probes.put(p.name(), new ProbeState()));
        }

        TimelineEntry log(EntryKind kind, String detail) {
            TimelineEntry e = timeline.append(kind, detail);
            listener.entry(e);
            return e;
        }

        Duration sinceFault() {
            return Duration.ofNanos(System.nanoTime() - faultNanos);
        }

        Duration sinceStart() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }

    private static final class ProbeState {
        long checks;
        long failures;
        Boolean up;
        long downSinceNanos;
    }

    public DrillEvidence run(DrillPlan plan) {
        Run run = new Run(plan);
        run.log(EntryKind.PHASE, "drill '" + plan.name() + "' started for " + plan.institution() + " "
                + plan.services() + "; tolerances " + describe(plan.tolerances()));
        DrillOutcome outcome;
        boolean interrupted = false;
        try {
            outcome = execute(run);
        } catch (Interrupted e) {
            interrupted = true;
            Thread.interrupted();
            outcome = new DrillOutcome.Aborted("the drill was interrupted");
            run.log(EntryKind.ABORT, "the drill was interrupted");
        } finally {
            if (run.driver != null) {
                run.driver.close();
            }
        }
        if (run.workload == null && run.driver != null) {
            // Aborted: nothing was reconciled, so only the acknowledged count is known.
            run.workload = new WorkloadSummary(run.driver.acknowledgedCount(), 0, List.of());
        }
        run.log(EntryKind.PHASE, "rollback: " + plan.rollback().size() + " action(s)");
        for (DrillAction a : plan.rollback()) {
            CheckResult r = checks.action(a);
            run.log(EntryKind.ROLLBACK, (r.ok() ? "done: " : "FAILED: ") + r.detail());
        }
        run.log(EntryKind.PHASE, "drill ended: " + outcome.status() + switch (outcome) {
            case DrillOutcome.Passed p -> "";
            case DrillOutcome.Failed f -> " " + f.breaches().stream().map(Breach::detail).toList();
            case DrillOutcome.Aborted a -> " (" + a.reason() + ")";
        });
        run.pool.shutdownNow();
        EvidenceContent content = new EvidenceContent(plan.name(), plan.sha256(), plan.institution(),
                plan.services(), plan.tolerances(), run.startedAt, clock.instant(), run.timeline.entries(),
                run.probes.entrySet().stream().map(e -> new ProbeSummary(e.getKey(), e.getValue().checks,
                        e.getValue().failures)).toList(),
                new Measurements(run.detection, run.switchover, run.recovery, run.dataLoss), outcome,
                run.workload);
        DrillEvidence evidence = DrillEvidence.sign(content, key);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return evidence;
    }

    private DrillOutcome execute(Run run) throws Interrupted {
        DrillPlan plan = run.plan;
        run.log(EntryKind.PHASE, "steady-state check: " + plan.probes().size() + " probe(s)");
        List<String> down = checkAll(run);
        if (!down.isEmpty()) {
            String reason = "steady state did not hold before the fault: " + String.join("; ", down)
                    + "; the fault was not injected";
            run.log(EntryKind.ABORT, reason);
            return new DrillOutcome.Aborted(reason);
        }
        if (plan.workload() != null) {
            run.driver = new WorkloadDriver(plan.workload(), run.runId);
            run.driver.start();
            run.log(EntryKind.WORKLOAD, "workload started: " + plan.workload().ratePerSecond() + " transfers/s to "
                    + plan.workload().transfers() + ", warm-up " + DurationText.format(plan.workload().warmup()));
            sleep(plan.workload().warmup());
            run.log(EntryKind.WORKLOAD, "before the fault: " + run.driver.totals());
        }
        run.log(EntryKind.PHASE, "injecting the fault");
        run.faultNanos = System.nanoTime();
        CheckResult fault = checks.action(plan.fault());
        run.log(EntryKind.FAULT, (fault.ok() ? "injected: " : "FAILED: ") + fault.detail());
        if (!fault.ok()) {
            String reason = "the fault could not be injected: " + fault.detail();
            run.log(EntryKind.ABORT, reason);
            return new DrillOutcome.Aborted(reason);
        }
        run.log(EntryKind.PHASE, "observing: probes every " + DurationText.format(plan.probeInterval()));
        while (true) {
            sleep(plan.probeInterval());
            down = checkAll(run);
            if (!down.isEmpty() && run.detection == null) {
                run.detection = run.sinceFault();
                run.log(EntryKind.PHASE, "outage detected after " + ms(run.detection));
            }
            String abort = abortReason(run);
            if (abort != null) {
                run.log(EntryKind.ABORT, abort);
                return new DrillOutcome.Aborted(abort);
            }
            if (down.isEmpty() && run.detection != null) {
                run.switchover = run.sinceFault();
                run.log(EntryKind.PHASE, "steady state back after " + ms(run.switchover));
                break;
            }
            if (down.isEmpty() && run.sinceFault().compareTo(plan.settle()) >= 0) {
                run.switchover = Duration.ZERO;
                run.log(EntryKind.PHASE, "no probe failed within " + DurationText.format(plan.settle())
                        + " of the fault: no outage observed");
                break;
            }
        }
        return reconcileAndJudge(run);
    }

    private DrillOutcome reconcileAndJudge(Run run) throws Interrupted {
        DrillPlan plan = run.plan;
        List<Breach> breaches = new ArrayList<>();
        if (run.driver == null) {
            run.recovery = run.switchover;
        } else {
            // Recovery: the reconciliation answers while every probe is up, timed while the workload still runs.
            if (reconciliation(run) != null) {
                run.recovery = run.sinceFault();
                run.log(EntryKind.PHASE, "recovered after " + ms(run.recovery) + ": the reconciliation answers");
                // Keep writing for a while on the new primary: the evidence then shows it takes transfers, too.
                sleep(plan.workload().warmup());
            }
            run.driver.close();
            run.log(EntryKind.WORKLOAD, "workload stopped: " + run.driver.totals());
            Map<String, Long> acked = run.driver.acknowledged();
            WorkloadDriver.Reconciliation.Listed listed = run.recovery == null ? null : reconciliation(run);
            if (listed == null) {
                run.recovery = null;
                breaches.add(new Breach("notRecovered", "the reconciliation did not answer with every probe up "
                        + "within the drill's maximum duration " + DurationText.format(plan.abort().maxDuration())));
                run.workload = new WorkloadSummary(acked.size(), 0, acked.keySet().stream()
                        .limit(WorkloadSummary.MAX_LOST_LISTED).toList());
            } else {
                Map<String, Long> lost = new LinkedHashMap<>(acked);
                lost.keySet().removeAll(listed.ids());
                run.workload = new WorkloadSummary(acked.size(), acked.size() - lost.size(),
                        List.copyOf(lost.keySet()).subList(0, Math.min(lost.size(), WorkloadSummary.MAX_LOST_LISTED)));
                long firstLost = lost.values().stream().mapToLong(Long::longValue).min().orElse(run.faultNanos);
                run.dataLoss = Duration.ofNanos(Math.max(0, run.faultNanos - firstLost));
                run.log(EntryKind.WORKLOAD, "reconciliation: acknowledged " + acked.size() + ", found "
                        + run.workload.found() + ", lost " + lost.size()
                        + (lost.isEmpty() ? "" : " " + lost.keySet().stream().limit(20).toList()));
                if (!lost.isEmpty()) {
                    breaches.add(new Breach("transfersLost", lost.size() + " acknowledged transfer(s) missing "
                            + "after the failover"));
                }
            }
        }
        Tolerances t = plan.tolerances();
        if (t.maxTolerableDowntime() != null && run.switchover.compareTo(t.maxTolerableDowntime()) > 0) {
            breaches.add(new Breach("maxTolerableDowntime", "switchover took " + ms(run.switchover)
                    + ", the maximum tolerable downtime is " + DurationText.format(t.maxTolerableDowntime())));
        }
        if (t.rto() != null && run.recovery != null && run.recovery.compareTo(t.rto()) > 0) {
            breaches.add(new Breach("rto", "recovery took " + ms(run.recovery) + ", the RTO is "
                    + DurationText.format(t.rto())));
        }
        if (t.rpo() != null && run.dataLoss != null && run.dataLoss.compareTo(t.rpo()) > 0) {
            breaches.add(new Breach("rpo", "acknowledged transfers from the last " + ms(run.dataLoss)
                    + " before the fault were lost, the RPO is " + DurationText.format(t.rpo())));
        }
        return breaches.isEmpty() ? new DrillOutcome.Passed() : new DrillOutcome.Failed(breaches);
    }

    /** The reconciliation's ids once it answers with every probe up, or null at the drill's maximum duration. */
    private WorkloadDriver.Reconciliation.Listed reconciliation(Run run) throws Interrupted {
        DrillPlan plan = run.plan;
        String last = "";
        while (run.sinceStart().compareTo(plan.abort().maxDuration()) < 0) {
            WorkloadDriver.Reconciliation r = run.driver.reconcile(plan.workload().reconciliation());
            if (r instanceof WorkloadDriver.Reconciliation.Listed l && checkAll(run).isEmpty()) {
                return l;
            }
            if (r instanceof WorkloadDriver.Reconciliation.Unavailable u && !u.reason().equals(last)) {
                last = u.reason();
                run.log(EntryKind.WORKLOAD, "reconciliation not yet available: " + u.reason());
            }
            sleep(plan.probeInterval());
        }
        return null;
    }

    private String abortReason(Run run) {
        DrillPlan plan = run.plan;
        if (run.sinceStart().compareTo(plan.abort().maxDuration()) > 0) {
            return "the drill ran longer than its maximum duration " + DurationText.format(plan.abort().maxDuration())
                    + " without steady state coming back";
        }
        for (String name : plan.abort().whenProbeFails()) {
            if (Boolean.FALSE.equals(run.probes.get(name).up)) {
                return "abort condition: probe " + name + " failed";
            }
        }
        Duration limit = plan.abort().probeDownLongerThan();
        if (limit != null) {
            long now = System.nanoTime();
            for (var e : run.probes.entrySet()) {
                if (Boolean.FALSE.equals(e.getValue().up)
                        && Duration.ofNanos(now - e.getValue().downSinceNanos).compareTo(limit) > 0) {
                    return "abort condition: probe " + e.getKey() + " down longer than "
                            + DurationText.format(limit);
                }
            }
        }
        return null;
    }

    /** Checks every probe at once; records changes in the timeline; answers the failing ones, described. */
    private List<String> checkAll(Run run) throws Interrupted {
        List<Probe> probes = run.plan.probes();
        List<Future<CheckResult>> futures = new ArrayList<>();
        for (Probe p : probes) {
            futures.add(run.pool.submit(() -> checks.probe(p)));
        }
        List<String> down = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            CheckResult r;
            try {
                r = futures.get(i).get();
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                throw new Interrupted();
            } catch (ExecutionException e) {
                r = CheckResult.failed("probe error: " + Checks.describe((Exception) e.getCause()));
            }
            Probe p = probes.get(i);
            ProbeState s = run.probes.get(p.name());
            s.checks++;
            if (!r.ok()) {
                s.failures++;
                down.add("probe " + p.name() + " down: " + r.detail());
            }
            if (s.up == null || s.up != r.ok()) {
                if (!r.ok()) {
                    s.downSinceNanos = System.nanoTime();
                }
                s.up = r.ok();
                run.log(EntryKind.PROBE, p.name() + (r.ok() ? " up: " : " down: ") + r.detail());
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new Interrupted();
        }
        return down;
    }

    private static void sleep(Duration d) throws Interrupted {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            throw new Interrupted();
        }
    }

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }

    private static String describe(Tolerances t) {
        return "maxTolerableDowntime " + (t.maxTolerableDowntime() == null ? "unset"
                : DurationText.format(t.maxTolerableDowntime())) + ", rto " + (t.rto() == null ? "unset"
                        : DurationText.format(t.rto())) + ", rpo " + (t.rpo() == null ? "unset"
                                : DurationText.format(t.rpo()));
    }
}
