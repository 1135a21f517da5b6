/**
 * The Sigma engine's entry point: loads Sigma 2.x rules from files or folders with a report, and evaluates Windows
 * or generic JSON events (JSON, JSON Lines, concatenated JSON) into matches, correlations included.
 */
package org.finres.sigma;
