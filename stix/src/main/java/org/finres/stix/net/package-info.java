/**
 * IP addresses and networks as STIX writes them ({@code ipv4-addr} and {@code ipv6-addr} values are an address or a
 * CIDR network), read from text without ever asking DNS.
 */
package org.finres.stix.net;
