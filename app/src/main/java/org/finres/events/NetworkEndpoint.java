package org.finres.events;

/** OCSF {@code network_endpoint}: one side of a connection. */
public record NetworkEndpoint(String ip, Integer port, String hostname, String domain, String mac, String name,
                              String uid, String svcName) {

    public static NetworkEndpoint of(String ip, Integer port, String hostname) {
        return new NetworkEndpoint(ip, port, hostname, null, null, null, null, null);
    }
}
