package org.finres.events;

import java.util.List;
import java.util.Objects;

/** DNS Activity (4003): a query, a response, or both seen together (Traffic). */
public record DnsActivity(BaseAttributes base, NetworkEndpoint srcEndpoint, NetworkEndpoint dstEndpoint,
                          ConnectionInfo connectionInfo, DnsQuery query, List<DnsAnswer> answers, Integer rcodeId,
                          String rcode) implements OcsfEvent {

    public static final int QUERY = 1;
    public static final int RESPONSE = 2;
    public static final int TRAFFIC = 6;

    public DnsActivity {
        Objects.requireNonNull(base, "base");
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    @Override
    public DnsActivity withBase(BaseAttributes newBase) {
        return new DnsActivity(newBase, srcEndpoint, dstEndpoint, connectionInfo, query, answers, rcodeId, rcode);
    }
}
