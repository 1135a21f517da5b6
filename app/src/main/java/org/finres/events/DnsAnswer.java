package org.finres.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** OCSF {@code dns_answer}: one resource record of the response. */
public record DnsAnswer(String rdata, String type, @JsonProperty("class") String dnsClass, Integer ttl,
                        List<Integer> flagIds) {

    public DnsAnswer {
        flagIds = flagIds == null ? List.of() : List.copyOf(flagIds);
    }
}
