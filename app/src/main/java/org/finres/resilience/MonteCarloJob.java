package org.finres.resilience;

import java.time.Instant;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.resilience.engine.analysis.MonteCarloResult;

/** A Monte-Carlo run in the background: how far it got, and its result or why it failed once it ends. */
public record MonteCarloJob(UUID id, InstitutionId institution, int registerVersion, int trials, long seed,
                            double defaultProbability, int done, State state, MonteCarloResult result, String error,
                            Instant startedAt, Instant finishedAt) {

    public enum State { QUEUED, RUNNING, DONE, FAILED }
}
