/**
 * Reading the event plane within the caller's tenancy: event search with keyset paging, time histograms, single
 * events (audited), source completeness and dead letters with their replay.
 */
package org.finres.events.search;
