/**
 * The tamper-evident record of one drill ({@code finres-drill-evidence/1}, see EVIDENCE.md): a hash-chained
 * timeline, the measured durations and the outcome, signed with the institution's registered signing key.
 */
package org.finres.resilience.drill.evidence;
