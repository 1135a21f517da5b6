package org.finres.intel;

import java.util.UUID;

import org.finres.core.InstitutionId;

/** Objects were shared into a collection (for sharing credit and analysis to come). */
public record IntelObjectsAdded(UUID collectionId, String collectionAlias, InstitutionId submitter, int added) {
}
