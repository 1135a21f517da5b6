package org.finres.coredata;

import java.nio.file.Path;

/**
 * A published dataset and what its validation found (empty discrepancies unless the import was told to publish
 * with discrepancies).
 */
public record ImportResult(Path dataset, DatasetManifest manifest, ValidationReport report) {
}
