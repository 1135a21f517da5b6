package org.finres.resilience.drill.ebanking;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How one node runs: its name and loopback port, its own data folder, the target folder shared by all nodes (where
 * the current primary writes {@code primary.pid}), its starting role, the primary it follows when a standby, and how
 * long the primary may be silent before the standby promotes itself. A primary's {@code peer} (optional) is the node
 * it yields to, as standby, when that node has been promoted.
 */
public record NodeSettings(String name, int port, Path dataDir, Path targetDir, Role role, URI peer,
        Duration heartbeatEvery, Duration promoteAfter) {

    public NodeSettings {
        if (name == null || !name.matches("[a-z0-9-]{1,20}")) {
            throw new IllegalArgumentException("a node name is 1 to 20 lower-case letters, digits and '-'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("a port is 0 to 65535, not " + port);
        }
        if (role == Role.STANDBY && peer == null) {
            throw new IllegalArgumentException("a standby needs the primary's URL (--peer)");
        }
        if (role == Role.FENCED) {
            throw new IllegalArgumentException("a node starts as primary or standby");
        }
        if (heartbeatEvery == null || heartbeatEvery.isNegative() || heartbeatEvery.isZero()
                || promoteAfter == null || promoteAfter.compareTo(heartbeatEvery) < 0) {
            throw new IllegalArgumentException("the heartbeat interval is positive and the promotion timeout at "
                    + "least one interval");
        }
    }
}
