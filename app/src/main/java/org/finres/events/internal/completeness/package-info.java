/** Completeness and timeliness per institution and source: rates, lag, gaps and silent sources. */
package org.finres.events.internal.completeness;
