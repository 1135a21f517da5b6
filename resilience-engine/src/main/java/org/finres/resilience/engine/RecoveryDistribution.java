package org.finres.resilience.engine;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** How long restoring an element takes, as the Monte-Carlo run samples it. */
public sealed interface RecoveryDistribution {

    /** A sample in milliseconds. */
    long sampleMillis(RandomGenerator random);

    record Fixed(Duration time) implements RecoveryDistribution {
        public Fixed {
            ImpactTolerance.requireNonNegative("recovery time", time);
        }

        @Override
        public long sampleMillis(RandomGenerator random) {
            return time.toMillis();
        }
    }

    record Uniform(Duration min, Duration max) implements RecoveryDistribution {
        public Uniform {
            ImpactTolerance.requireNonNegative("minimum recovery time", min);
            ImpactTolerance.requireNonNegative("maximum recovery time", max);
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException("minimum recovery time " + DurationText.format(min)
                        + " is above the maximum " + DurationText.format(max));
            }
        }

        @Override
        public long sampleMillis(RandomGenerator random) {
            long lo = min.toMillis();
            long hi = max.toMillis();
            return lo == hi ? lo : lo + (long) (random.nextDouble() * (hi - lo));
        }
    }

    /** Minimum, most likely and maximum: the estimate a recovery team can actually give. */
    record Triangular(Duration min, Duration mode, Duration max) implements RecoveryDistribution {
        public Triangular {
            ImpactTolerance.requireNonNegative("minimum recovery time", min);
            ImpactTolerance.requireNonNegative("most likely recovery time", mode);
            ImpactTolerance.requireNonNegative("maximum recovery time", max);
            if (min.compareTo(mode) > 0 || mode.compareTo(max) > 0) {
                throw new IllegalArgumentException("recovery times must satisfy min <= mode <= max, not "
                        + DurationText.format(min) + " / " + DurationText.format(mode) + " / "
                        + DurationText.format(max));
            }
        }

        @Override
        public long sampleMillis(RandomGenerator random) {
            double a = min.toMillis();
            double c = mode.toMillis();
            double b = max.toMillis();
            if (a == b) {
                return (long) a;
            }
            double u = random.nextDouble();
            double f = (c - a) / (b - a);
            double x = u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
            return (long) x;
        }
    }
}
