package org.finres.events;

/**
 * OCSF {@code network_connection_info}. {@code direction_id}: 0 Unknown, 1 Inbound, 2 Outbound, 3 Lateral, 4 Local.
 */
public record ConnectionInfo(int directionId, String direction, String protocolName, Integer protocolNum,
                             Integer protocolVerId) {
}
