/**
 * Reading the event plane within the caller's tenancy: event search with keyset paging, time histograms, single
 * events (audited), source completeness and dead letters with their replay. Named so that intelligence analysis
 * can retro-hunt indicators through the same tenancy-checked search.
 */
@org.springframework.modulith.NamedInterface("search")
package org.finres.events.search;
