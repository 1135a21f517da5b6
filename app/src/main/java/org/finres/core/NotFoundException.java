package org.finres.core;

/**
 * The resource does not exist, or exists in a tenant the actor may not see: the two are answered alike so
 * that probing never reveals another institution's resources.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, String id) {
        super(what + " '" + InvalidInputException.preview(id) + "' does not exist or is not visible to you");
    }
}
