package org.finres.events;

/** OCSF {@code http_response}; {@code code} is the HTTP status code, which OCSF requires. */
public record HttpResponse(int code, String status, String message, String contentType, Long length) {
}
