package org.finres.events;

/** OCSF {@code evidences}: what a detection saw, so a finding keeps the endpoints, files and users of its source. */
public record Evidence(Actor actor, NetworkEndpoint srcEndpoint, NetworkEndpoint dstEndpoint,
                       ConnectionInfo connectionInfo, FileInfo file, ProcessInfo process, User user, Url url,
                       DnsQuery query, HttpRequest httpRequest, Device device) {
}
