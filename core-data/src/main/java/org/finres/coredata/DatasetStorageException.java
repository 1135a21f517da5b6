package org.finres.coredata;

import java.io.IOException;

/** A file could not be read or written (disk full, permission, a target that already exists). */
public final class DatasetStorageException extends CoreDataException {

    public DatasetStorageException(String message, IOException cause) {
        super(message + (cause == null ? "" : ": " + cause), cause);
    }
}
