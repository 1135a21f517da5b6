package org.finres.resilience.drill.evidence;

import java.util.List;

/** How a drill ended. */
public sealed interface DrillOutcome {

    /** The wire name: passed, failed or aborted. */
    String status();

    /** Steady state came back within every tolerance and nothing acknowledged was lost. */
    record Passed() implements DrillOutcome {
        @Override
        public String status() {
            return "passed";
        }
    }

    /** The drill ran to its end but breached at least one tolerance. */
    record Failed(List<Breach> breaches) implements DrillOutcome {
        public Failed {
            EvidenceFields.require(breaches != null && !breaches.isEmpty() && breaches.size() <= 100,
                    "outcome breaches", "1 to 100 breaches for a failed drill", breaches == null ? null
                            : breaches.size());
            breaches = List.copyOf(breaches);
        }

        @Override
        public String status() {
            return "failed";
        }
    }

    /** The drill stopped early: steady state did not hold before the fault, or an abort condition fired. */
    record Aborted(String reason) implements DrillOutcome {
        public Aborted {
            EvidenceFields.require(reason != null && !reason.isBlank() && reason.length() <= 2_000,
                    "outcome reason", "a non-empty text of at most 2000 characters", reason);
        }

        @Override
        public String status() {
            return "aborted";
        }
    }
}
