/**
 * Operational resilience at the hub: each institution's versioned resilience register (important business services,
 * impact tolerances, the dependency graph), its analysis by the resilience engine, signed drill evidence, the command
 * view of a drill or incident, reports, and the regulator's sector aggregates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Resilience: important services and impact tolerances")
package org.finres.resilience;
