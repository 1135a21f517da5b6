package org.finres.resilience;

import java.time.Instant;

import org.finres.core.InstitutionId;

/**
 * One stored version of an institution's register: what was uploaded when by whom, and its parsed summary (counts of
 * services and components, single points of failure and how many of them are hidden).
 */
public record RegisterVersion(InstitutionId institution, int version, RegisterFormat format, int services,
                              int components, int singlePointsOfFailure, int hiddenSinglePointsOfFailure,
                              String uploadedBy, Instant uploadedAt) {
}
