package org.finres.resilience.engine.analysis;

import java.time.Duration;

/** How a service's impact tolerance is exceeded. */
public sealed interface Breach {

    /** Down longer than the maximum tolerable downtime. */
    record Downtime(Duration tolerated, Duration actual) implements Breach {
        public Duration excess() {
            return actual.minus(tolerated);
        }
    }

    /** More data lost than the recovery point objective allows. */
    record DataLoss(Duration tolerated, Duration actual) implements Breach {
        public Duration excess() {
            return actual.minus(tolerated);
        }
    }

    /** Running again, but below the minimum service level (percent of normal capacity). */
    record ServiceLevel(int minimumPercent, int availablePercent) implements Breach {
        public int shortfallPercent() {
            return minimumPercent - availablePercent;
        }
    }
}
