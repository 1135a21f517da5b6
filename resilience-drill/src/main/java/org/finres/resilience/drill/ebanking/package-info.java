/**
 * The exercise target FinRes ships: a small e-banking service (balances and transfers) running as a primary and a
 * synchronously replicated standby on loopback behind a front router, each node its own OS process, so that a drill
 * can really kill the primary.
 */
package org.finres.resilience.drill.ebanking;
