package org.finres.events;

import java.util.Objects;

/** Network Activity (4001): a connection opened, closed, refused, or traffic seen between two endpoints. */
public record NetworkActivity(BaseAttributes base, NetworkEndpoint srcEndpoint, NetworkEndpoint dstEndpoint,
                              ConnectionInfo connectionInfo, NetworkTraffic traffic, Url url) implements OcsfEvent {

    public static final int OPEN = 1;
    public static final int CLOSE = 2;
    public static final int RESET = 3;
    public static final int FAIL = 4;
    public static final int REFUSE = 5;
    public static final int TRAFFIC = 6;

    public NetworkActivity {
        Objects.requireNonNull(base, "base");
    }

    @Override
    public NetworkActivity withBase(BaseAttributes newBase) {
        return new NetworkActivity(newBase, srcEndpoint, dstEndpoint, connectionInfo, traffic, url);
    }
}
