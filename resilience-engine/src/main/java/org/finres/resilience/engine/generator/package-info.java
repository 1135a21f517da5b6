/** Deterministic, realistic registers of any size with a planted hidden single point of failure, for tests and benchmarks. */
package org.finres.resilience.engine.generator;
