/**
 * Sigma correlation rules evaluated on event time: sliding or closing windows per group, tolerant to out-of-order
 * events within a lateness bound, with bounded state that can be exported and imported across restarts.
 */
package org.finres.sigma.correlation;
