package org.finres.resilience;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.ConflictException;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.resilience.engine.analysis.MonteCarloOptions;
import org.finres.resilience.engine.analysis.MonteCarloResult;
import org.finres.resilience.engine.analysis.RestorationPlan;
import org.finres.resilience.engine.analysis.Scenario;
import org.finres.resilience.engine.analysis.ScenarioResult;
import org.finres.resilience.engine.analysis.SinglePointOfFailure;
import org.finres.resilience.internal.CompiledAnalyses;
import org.springframework.stereotype.Service;

/**
 * Analyses of an institution's current register: the sweeps, scenarios with their restoration order, and
 * Monte-Carlo runs as background jobs with progress. Only the institution itself reads them.
 */
@Service
public class ResilienceAnalyses {

    /** The hub's cap on one run: enough for stable percentiles, small enough not to starve the other jobs. */
    public static final int MAX_TRIALS = 200_000;
    private static final int KEPT_JOBS = 200;

    private final ResilienceRegisters registers;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final Clock clock;
    /** One worker and a short queue: Monte-Carlo is CPU work the hub's request threads must not wait for. */
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(8), r -> {
                Thread t = new Thread(r, "resilience-monte-carlo");
                t.setDaemon(true);
                return t;
            });
    private final Map<UUID, Running> jobs = new LinkedHashMap<>();

    public ResilienceAnalyses(ResilienceRegisters registers, TenantAccess access, AuditTrail audit, Clock clock) {
        this.registers = registers;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public RegisterAnalysis analysis(Actor actor, InstitutionId institution) {
        StoredRegister stored = registers.current(actor, institution);
        return analysis(stored);
    }

    public RegisterAnalysis analysis(Actor actor, InstitutionId institution, int version) {
        return analysis(registers.version(actor, institution, version));
    }

    RegisterAnalysis analysis(StoredRegister stored) {
        CompiledAnalyses.Compiled c = registers.compiled(stored);
        RestorationPlan worst = c.sweep().singlePointsOfFailure().stream()
                .max(Comparator.comparingInt((SinglePointOfFailure s) -> s.breached().size()))
                .map(s -> c.analysis().restorationOrder(Scenario.elementLost(s.element()))).orElse(null);
        return new RegisterAnalysis(stored.version(), stored.register(), c.sweep(), c.wholeLayers(), worst);
    }

    public ScenarioOutcome scenario(Actor actor, InstitutionId institution, ScenarioSpec spec) {
        StoredRegister stored = registers.current(actor, institution);
        return scenario(stored, spec);
    }

    ScenarioOutcome scenario(StoredRegister stored, ScenarioSpec spec) {
        CompiledAnalyses.Compiled c = registers.compiled(stored);
        Scenario scenario = spec.toScenario(stored.register());
        ScenarioResult result = c.analysis().evaluate(scenario);
        return new ScenarioOutcome(stored.version(), spec, result, c.analysis().restorationOrder(scenario));
    }

    /** Starts a Monte-Carlo run over the actor's current register; poll {@link #job} for progress. */
    public MonteCarloJob startMonteCarlo(Actor actor, InstitutionId institution, Integer trials, Long seed,
                                         Double defaultProbability) {
        StoredRegister stored = registers.current(actor, institution);
        int t = trials == null ? 10_000 : trials;
        if (t < 1 || t > MAX_TRIALS) {
            throw new InvalidInputException("trials", "must be 1 to " + MAX_TRIALS + ", not " + t);
        }
        double p = defaultProbability == null ? 0.01 : defaultProbability;
        if (!(p >= 0 && p <= 1)) {
            throw new InvalidInputException("defaultProbability", "must be 0 to 1, not " + p);
        }
        long s = seed == null ? System.nanoTime() : seed;
        MonteCarloOptions options = new MonteCarloOptions(t, s, p);
        CompiledAnalyses.Compiled c = registers.compiled(stored);
        Running job = new Running(UUID.randomUUID(), stored.version().institution(), stored.version().version(),
                options, clock.instant());
        synchronized (jobs) {
            jobs.put(job.id, job);
            while (jobs.size() > KEPT_JOBS) {
                jobs.remove(jobs.keySet().iterator().next());
            }
        }
        try {
            workers.execute(() -> job.run(c, clock));
        } catch (RejectedExecutionException busy) {
            synchronized (jobs) {
                jobs.remove(job.id);
            }
            throw new ConflictException("the hub is running as many Monte-Carlo jobs as it queues; try again shortly");
        }
        audit.record(actor, AuditEntry.success("resilience.monte_carlo.started", "resilience_job", job.id.toString(),
                job.institution).with("trials", Integer.toString(t)).with("seed", Long.toString(s)));
        return job.view();
    }

    /** A job of the actor's own institution; another's answers 404 like one that does not exist. */
    public MonteCarloJob job(Actor actor, UUID id) {
        Running job;
        synchronized (jobs) {
            job = jobs.get(id);
        }
        if (job == null) {
            access.scope(actor, Permission.RESILIENCE_READ, null, "resilience.job.read", "resilience_job");
            throw new NotFoundException("resilience_job", id.toString());
        }
        access.check(actor, Permission.RESILIENCE_READ, job.institution, "resilience.job.read", "resilience_job",
                id.toString());
        return job.view();
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    private static final class Running {
        final UUID id;
        final InstitutionId institution;
        final int version;
        final MonteCarloOptions options;
        final Instant startedAt;
        final AtomicInteger done = new AtomicInteger();
        volatile MonteCarloJob.State state = MonteCarloJob.State.QUEUED;
        volatile MonteCarloResult result;
        volatile String error;
        volatile Instant finishedAt;

        Running(UUID id, InstitutionId institution, int version, MonteCarloOptions options, Instant startedAt) {
            this.id = id;
            this.institution = institution;
            this.version = version;
            this.options = options;
            this.startedAt = startedAt;
        }

        void run(CompiledAnalyses.Compiled c, Clock clock) {
            state = MonteCarloJob.State.RUNNING;
            try {
                result = c.analysis().monteCarlo(options, (d, total) -> done.set(d));
                done.set(options.trials());
                state = MonteCarloJob.State.DONE;
            } catch (RuntimeException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                state = MonteCarloJob.State.FAILED;
            } finally {
                finishedAt = clock.instant();
            }
        }

        MonteCarloJob view() {
            return new MonteCarloJob(id, institution, version, options.trials(), options.seed(),
                    options.defaultProbability(), done.get(), state, result, error, startedAt, finishedAt);
        }
    }
}
