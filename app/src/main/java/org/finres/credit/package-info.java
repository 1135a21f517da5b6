/**
 * Sharing credit: an append-only ledger per institution of points for first reports, corroborations, sightings that
 * confirm another member's indicator and timely acknowledgement of warnings, less penalties for false positives,
 * scored by configurable rules, ranked per Asia/Taipei month on a page, in the API and as CSV.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sharing credit")
package org.finres.credit;
