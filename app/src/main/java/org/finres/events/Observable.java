package org.finres.events;

/**
 * OCSF {@code observable}: an indicator surfaced from the event for correlation. {@code name} is the attribute path it
 * came from; {@code type_id} 1 Hostname, 2 IP Address, 4 User Name, 6 URL String, 7 File Name, 8 Hash, 9 Process Name.
 */
public record Observable(String name, int typeId, String type, String value) {
}
