/**
 * Sigma 2.x documents (detection rules, correlation rules, meta filters) and their parsers: YAML with line/column
 * errors and the condition grammar, modelled as sealed interfaces and records.
 */
package org.finres.sigma.rule;
