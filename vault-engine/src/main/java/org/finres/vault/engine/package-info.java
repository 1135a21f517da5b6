/**
 * The vault engine's API: an encrypted, deduplicating repository of one snapshot per business date, with backup,
 * restore, verify and prune.
 */
package org.finres.vault.engine;
