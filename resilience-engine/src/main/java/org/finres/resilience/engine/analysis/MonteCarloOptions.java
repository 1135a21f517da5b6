package org.finres.resilience.engine.analysis;

/**
 * A Monte-Carlo run: {@code trials} independent periods from {@code seed} (the same seed gives the same result).
 * Elements without a failure model fail with {@code defaultProbability} and recover in a triangular time of half,
 * once and three times their RTO.
 */
public record MonteCarloOptions(int trials, long seed, double defaultProbability) {

    public MonteCarloOptions {
        if (trials < 1 || trials > 10_000_000) {
            throw new IllegalArgumentException("trials must be 1 to 10,000,000, not " + trials);
        }
        if (!(defaultProbability >= 0 && defaultProbability <= 1)) {
            throw new IllegalArgumentException("default probability must be 0 to 1, not " + defaultProbability);
        }
    }
}
