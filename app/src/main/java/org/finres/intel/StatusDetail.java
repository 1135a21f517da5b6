package org.finres.intel;

/** One object of a POST in its status resource: its id, its version and, for failures, why. */
public record StatusDetail(String id, String version, String message) {
}
