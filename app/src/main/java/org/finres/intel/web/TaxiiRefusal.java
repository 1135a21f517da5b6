package org.finres.intel.web;

import org.springframework.http.HttpStatus;

/** A request refused at the protocol level (406, 413, 415), answered with a TAXII error message resource. */
final class TaxiiRefusal extends RuntimeException {

    private final HttpStatus status;

    TaxiiRefusal(HttpStatus status, String description) {
        super(description);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
