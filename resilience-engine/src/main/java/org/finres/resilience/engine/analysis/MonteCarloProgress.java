package org.finres.resilience.engine.analysis;

/** Told how far a Monte-Carlo run has got, about a hundred times per run and at the end. */
@FunctionalInterface
public interface MonteCarloProgress {

    void trialsDone(int done, int total);

    MonteCarloProgress NONE = (done, total) -> { };
}
