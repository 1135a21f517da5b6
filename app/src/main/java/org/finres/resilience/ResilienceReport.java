package org.finres.resilience;

import java.time.Instant;
import java.util.List;

import org.finres.core.InstitutionId;
import org.finres.resilience.engine.analysis.EffectiveRecovery;
import org.finres.resilience.engine.analysis.SinglePointOfFailure;

/** Reports: one institution's resilience (for itself) and the sector's (for the regulator and the hub). */
public sealed interface ResilienceReport {

    Instant generatedAt();

    List<QuarterTrend> quarters();

    /**
     * An institution's report: its newest register's effective recovery per service and single points of failure
     * (none when it has no register), the element losses that breach, its drill history and the trend per quarter.
     */
    record Institution(InstitutionId institution, String name, Instant generatedAt, RegisterVersion register,
                       List<EffectiveRecovery> effectiveRecovery, List<SinglePointOfFailure> singlePointsOfFailure,
                       int breachingLosses, List<ResilienceDrill> drills, List<QuarterTrend> quarters)
            implements ResilienceReport {
    }

    /** The sector's report: every member's counts and drill outcomes, the top concentrations, the sector's trend. */
    record Sector(Instant generatedAt, List<SectorRow> institutions, List<ConcentrationRow> concentration,
                  List<QuarterTrend> quarters) implements ResilienceReport {
    }
}
