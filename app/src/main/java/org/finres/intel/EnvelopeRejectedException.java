package org.finres.intel;

/** A POST body that is JSON but not a TAXII envelope or STIX bundle (no objects array): TAXII's 422. */
public class EnvelopeRejectedException extends RuntimeException {

    public EnvelopeRejectedException(String message) {
        super(message);
    }
}
