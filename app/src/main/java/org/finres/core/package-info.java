/**
 * Tenants (institutions, the hub and the regulator), users, roles, API tokens and the append-only,
 * hash-chained audit trail that every other module writes to.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Core: tenants, access and audit")
package org.finres.core;
