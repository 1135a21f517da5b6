package org.finres.resilience;

import org.finres.core.InstitutionId;

/**
 * One institution in the sector overview: counts from its newest register (none when it has not uploaded one) and
 * its drill outcomes. Nothing of the register itself.
 */
public record SectorRow(InstitutionId institution, String name, Integer registerVersion, int services,
                        int components, int singlePointsOfFailure, int hiddenSinglePointsOfFailure, int drills,
                        int drillsPassed, int drillsFailed, String lastDrillOutcome) {
}
