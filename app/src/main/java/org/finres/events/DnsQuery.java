package org.finres.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OCSF {@code dns_query}: the name asked for, with its record type (A, AAAA, CNAME...) and class (IN). */
public record DnsQuery(String hostname, String type, @JsonProperty("class") String dnsClass, Integer opcodeId) {

    public static DnsQuery of(String hostname) {
        return new DnsQuery(hostname, null, null, null);
    }
}
