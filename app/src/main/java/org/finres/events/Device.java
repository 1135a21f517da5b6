package org.finres.events;

/** OCSF {@code device}: the host where the activity was observed. {@code type_id} 0 means the type is unknown. */
public record Device(String hostname, String name, String ip, String uid, String domain, int typeId,
                     OperatingSystem os) {

    public static Device ofHostname(String hostname) {
        return new Device(hostname, null, null, null, null, 0, null);
    }
}
