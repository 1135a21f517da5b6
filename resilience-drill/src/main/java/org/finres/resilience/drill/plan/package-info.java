/**
 * Drill plans ({@code finres-drill-plan/1}, see PLAN.md): the service under test and its tolerances, steady-state
 * probes, the fault, abort conditions, rollback actions and an optional workload, read from YAML or JSON with every
 * error naming its line.
 */
package org.finres.resilience.drill.plan;
