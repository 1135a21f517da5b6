package org.finres.resilience.engine.analysis;

import java.util.Arrays;

/**
 * Propagates one failure set up the graph (see README, "How a failure propagates"). Reusable and not thread-safe:
 * one instance per thread. Only the failed nodes and their transitive dependents are visited, in topological order.
 *
 * <p>Per node: {@code down} (milliseconds it is unavailable), {@code loss} (milliseconds of data lost beneath it),
 * {@code capacity} (share of normal capacity once running again after failovers), {@code plain} (whether the
 * outage reaches it along serial dependencies only, i.e. not through a defeated redundancy group).
 */
final class Propagation {

    private final DependencyGraph g;
    final long[] down;
    final long[] loss;
    final double[] capacity;
    final boolean[] plain;
    private final int[] mark;
    private final int[] failedMark;
    private final boolean[] groupDefeated;
    private int epoch;
    int[] affected;
    int affectedCount;
    private int[] queue;
    int[] defeatedGroups;
    int defeatedCount;

    Propagation(DependencyGraph g) {
        this.g = g;
        int n = g.size();
        down = new long[n];
        loss = new long[n];
        capacity = new double[n];
        plain = new boolean[n];
        mark = new int[n];
        failedMark = new int[n];
        groupDefeated = new boolean[g.groups.length];
        affected = new int[n];
        queue = new int[n];
        defeatedGroups = new int[Math.max(1, g.groups.length)];
        Arrays.fill(capacity, 1.0);
    }

    boolean isAffected(int i) {
        return mark[i] == epoch;
    }

    boolean isFailed(int i) {
        return failedMark[i] == epoch;
    }

    /** Propagates the loss of {@code failed}; {@code ownRecovery} overrides the nodes' RTOs (Monte-Carlo) or is null. */
    void run(int[] failed, int failedCount, long[] ownRecovery) {
        reset();
        epoch++;
        int tail = 0;
        for (int k = 0; k < failedCount; k++) {
            int f = failed[k];
            failedMark[f] = epoch;
            if (mark[f] != epoch) {
                mark[f] = epoch;
                queue[tail++] = f;
            }
        }
        int head = 0;
        while (head < tail) {
            int v = queue[head++];
            for (int d = g.dependentStart[v]; d < g.dependentStart[v + 1]; d++) {
                int u = g.dependent[d];
                if (mark[u] != epoch) {
                    mark[u] = epoch;
                    queue[tail++] = u;
                }
            }
        }
        affectedCount = tail;
        System.arraycopy(queue, 0, affected, 0, tail);
        // Node numbers are topological positions: ascending order visits dependencies before dependents.
        Arrays.sort(affected, 0, tail);
        for (int k = 0; k < tail; k++) {
            evaluate(affected[k], ownRecovery);
        }
    }

    private void evaluate(int i, long[] ownRecovery) {
        boolean failedItself = failedMark[i] == epoch;
        long d = failedItself ? (ownRecovery != null ? ownRecovery[i] : g.rtoMillis[i]) : 0;
        long l = 0;
        double c = 1.0;
        boolean viaPlain = failedItself;
        for (int k = g.linkStart[i]; k < g.linkStart[i + 1]; k++) {
            int x = g.link[k];
            if (x >= 0) {
                if (mark[x] == epoch) {
                    d = Math.max(d, down[x]);
                    l = Math.max(l, loss[x]);
                    c = Math.min(c, capacity[x]);
                    viaPlain |= plain[x] && down[x] > 0;
                }
            } else {
                int grp = -1 - x;
                int[] members = g.groupMembers[grp];
                long failover = g.groupFailoverMillis[grp];
                int up = 0;
                double steadyCapacity = 0;   // what serves once the failover is done (README: capacity)
                long firstBack = Long.MAX_VALUE;
                int firstBackMember = -1;
                boolean anyTouched = false;
                for (int m : members) {
                    boolean touched = mark[m] == epoch;
                    anyTouched |= touched;
                    if (!touched) {
                        up++;
                        steadyCapacity += 1.0;
                        continue;
                    }
                    if (down[m] == 0) {
                        up++;
                    } else if (down[m] < firstBack) {
                        firstBack = down[m];
                        firstBackMember = m;
                    }
                    // A member back within the failover time is a blip the group rides through, not a lost member.
                    if (down[m] <= failover) {
                        steadyCapacity += capacity[m];
                    }
                }
                if (!anyTouched) {
                    continue;
                }
                if (up == 0) {
                    // Every member is down: the group is back when its first member is, with that member's data.
                    if (!groupDefeated[grp] && firstBack > failover) {
                        groupDefeated[grp] = true;
                        defeatedGroups[defeatedCount++] = grp;
                    }
                    d = Math.max(d, firstBack);
                    l = Math.max(l, loss[firstBackMember]);
                    double back = firstBack <= failover ? steadyCapacity : capacity[firstBackMember];
                    c = Math.min(c, g.groupActiveActive[grp] ? back / members.length
                            : Math.min(1.0, back));
                    continue;
                }
                if (g.groupActiveActive[grp]) {
                    if (up < members.length) {
                        long worstLost = 0;
                        long lostData = 0;
                        for (int m : members) {
                            if (mark[m] == epoch && down[m] > 0) {
                                worstLost = Math.max(worstLost, down[m]);
                                lostData = Math.max(lostData, loss[m]);
                            }
                        }
                        d = Math.max(d, Math.min(failover, worstLost));
                        l = Math.max(l, Math.min(g.groupLagMillis[grp], lostData));
                    }
                    c = Math.min(c, steadyCapacity / members.length);
                } else {
                    int primary = members[0];
                    boolean primaryDown = mark[primary] == epoch && down[primary] > 0;
                    if (primaryDown) {
                        d = Math.max(d, Math.min(failover, down[primary]));
                        l = Math.max(l, Math.min(g.groupLagMillis[grp], loss[primary]));
                        for (int m : members) {
                            if (mark[m] != epoch || down[m] == 0) {
                                c = Math.min(c, mark[m] == epoch ? capacity[m] : 1.0);
                                break;
                            }
                        }
                    } else {
                        c = Math.min(c, mark[primary] == epoch ? capacity[primary] : 1.0);
                    }
                }
            }
        }
        if (g.dataStore[i] && d > 0) {
            // A data store that goes down comes back from its recovery point (README: losses are losses).
            l = Math.max(l, g.rpoMillis[i]);
        }
        down[i] = d;
        loss[i] = l;
        capacity[i] = c;
        plain[i] = viaPlain;
    }

    private void reset() {
        for (int k = 0; k < affectedCount; k++) {
            int i = affected[k];
            down[i] = 0;
            loss[i] = 0;
            capacity[i] = 1.0;
            plain[i] = false;
        }
        for (int k = 0; k < defeatedCount; k++) {
            groupDefeated[defeatedGroups[k]] = false;
        }
        defeatedCount = 0;
        affectedCount = 0;
    }
}
