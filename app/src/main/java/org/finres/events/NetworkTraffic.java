package org.finres.events;

/** OCSF {@code network_traffic}: byte and packet counts of a connection. */
public record NetworkTraffic(Long bytesIn, Long bytesOut, Long bytes, Long packetsIn, Long packetsOut, Long packets) {
}
