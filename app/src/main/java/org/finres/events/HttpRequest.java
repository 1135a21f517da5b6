package org.finres.events;

/** OCSF {@code http_request}. */
public record HttpRequest(String httpMethod, Url url, String userAgent, String referrer, String version, String uid) {
}
