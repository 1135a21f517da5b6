/**
 * {@code finres sigma}: checks Sigma rule files and scans event files with them locally, without a hub.
 */
package org.finres.cli.sigma;
