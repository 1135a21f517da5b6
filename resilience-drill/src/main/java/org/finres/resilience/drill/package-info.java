/**
 * Failover drills that really fail things over: a plan's steady-state probes, fault, abort conditions and rollback
 * run by {@link org.finres.resilience.drill.DrillRunner}, which measures detection, switchover and recovery against
 * the impact tolerances and seals the run as signed evidence.
 */
package org.finres.resilience.drill;
