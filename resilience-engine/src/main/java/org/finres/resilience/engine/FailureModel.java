package org.finres.resilience.engine;

/**
 * How likely an element is to fail within the period a Monte-Carlo run covers (for instance a year), and how long
 * its recovery then takes.
 */
public record FailureModel(double probability, RecoveryDistribution recovery) {

    public FailureModel {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("a failure probability is between 0 and 1, not " + probability);
        }
        if (recovery == null) {
            throw new IllegalArgumentException("a failure model needs a recovery distribution");
        }
    }
}
