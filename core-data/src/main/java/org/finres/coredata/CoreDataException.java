package org.finres.coredata;

/** Every failure this module reports; nothing else escapes its importers, readers and validator. */
public abstract sealed class CoreDataException extends RuntimeException
        permits MalformedInputException, DatasetRejectedException, DatasetStorageException {

    CoreDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
