/**
 * Analyses over a register's dependency graph: failure propagation with redundancy, effective RTO and RPO, failure
 * sweeps, single points of failure, scenarios, Monte-Carlo, restoration order and sector concentration.
 */
package org.finres.resilience.engine.analysis;
