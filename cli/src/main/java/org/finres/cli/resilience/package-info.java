/**
 * {@code finres resilience}: failover drills run from the command line (run, verify, example plan) and the shipped
 * e-banking exercise target (start, and the hidden per-process entry point).
 */
package org.finres.cli.resilience;
