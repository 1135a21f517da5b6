package org.finres.intel;

import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.stix.Tlp;

/**
 * A TAXII collection as one caller sees it: {@code canRead}/{@code canWrite} are that caller's rights.
 *
 * @param owner      the institution of an inbox; null for the sector's collections
 * @param defaultTlp the TLP of an object that carries no TLP marking of its own
 */
public record IntelCollection(UUID id, String alias, String title, String description, CollectionKind kind,
                              InstitutionId owner, Tlp defaultTlp, boolean canRead, boolean canWrite) {
}
