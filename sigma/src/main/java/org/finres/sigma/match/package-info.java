/**
 * Compiles Sigma rules against a pipeline into allocation-free predicates and indexes them by log source, event id
 * and required literals so that each event is tested only against candidate rules.
 */
package org.finres.sigma.match;
