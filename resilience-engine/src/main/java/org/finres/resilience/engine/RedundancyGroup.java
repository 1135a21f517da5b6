package org.finres.resilience.engine;

import java.time.Duration;
import java.util.List;

/**
 * Two or more interchangeable elements behind one dependency: the failover time is what the dependent loses when a
 * serving member goes, the replication lag is the data a failover loses (0 for synchronous replication). For
 * active-passive the first member is the primary.
 */
public record RedundancyGroup(ElementId id, RedundancyMode mode, Duration failoverTime, Duration replicationLag,
                              List<ElementId> members) {

    public RedundancyGroup {
        if (id == null || mode == null) {
            throw new IllegalArgumentException("a redundancy group needs an id and a mode");
        }
        ImpactTolerance.requireNonNegative("failover time of group " + id, failoverTime);
        ImpactTolerance.requireNonNegative("replication lag of group " + id, replicationLag);
        members = List.copyOf(members);
        if (members.size() < 2) {
            throw new IllegalArgumentException("redundancy group " + id + " has " + members.size()
                    + " member; a group needs at least two");
        }
    }

    public ElementId primary() {
        return members.getFirst();
    }
}
