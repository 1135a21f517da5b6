package org.finres.resilience.engine.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.finres.resilience.engine.Component;
import org.finres.resilience.engine.Dependency;
import org.finres.resilience.engine.Element;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.ImportantService;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.RedundancyGroup;
import org.finres.resilience.engine.RedundancyMode;
import org.finres.resilience.engine.Register;

/**
 * A register compiled to primitive arrays for the analyses: nodes numbered in topological order (every node after
 * everything it depends on), so one ascending pass over the affected nodes propagates a failure; links and
 * dependents in compressed-row form.
 */
public final class DependencyGraph {

    final Register register;
    final Element[] nodes;
    final Layer[] layer;
    final long[] rtoMillis;
    final long[] rpoMillis;
    final boolean[] dataStore;
    final Map<ElementId, Integer> index;

    /** Links of node i are linkStart[i] .. linkStart[i+1]-1; a link is a node (>= 0) or a group (-1 - g). */
    final int[] linkStart;
    final int[] link;

    final RedundancyGroup[] groups;
    final int[][] groupMembers;
    final boolean[] groupActiveActive;
    final long[] groupFailoverMillis;
    final long[] groupLagMillis;

    /** Dependents of node i (through a link or a group membership): dependentStart[i] .. dependentStart[i+1]-1. */
    final int[] dependentStart;
    final int[] dependent;

    final int[] services;

    private DependencyGraph(Register register) {
        this.register = register;
        List<Element> all = register.elements();
        int n = all.size();
        Map<ElementId, Element> byId = new HashMap<>();
        for (Element e : all) {
            byId.put(e.id(), e);
        }
        // Kahn's algorithm on "depends on" edges reversed: dependencies first.
        Map<ElementId, Integer> position = new HashMap<>();
        for (int i = 0; i < n; i++) {
            position.put(all.get(i).id(), i);
        }
        int[] pending = new int[n];
        List<List<Integer>> dependentsOf = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dependentsOf.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (Dependency d : all.get(i).dependsOn()) {
                for (ElementId t : d.targets()) {
                    pending[i]++;
                    dependentsOf.get(position.get(t)).add(i);
                }
            }
        }
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = n - 1; i >= 0; i--) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int placed = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order[placed++] = i;
            for (int dep : dependentsOf.get(i)) {
                if (--pending[dep] == 0) {
                    ready.add(dep);
                }
            }
        }
        if (placed != n) {
            throw new IllegalStateException("a validated register has a cycle");   // Register refuses cycles
        }
        nodes = new Element[n];
        layer = new Layer[n];
        rtoMillis = new long[n];
        rpoMillis = new long[n];
        dataStore = new boolean[n];
        index = new HashMap<>(n * 2);
        for (int k = 0; k < n; k++) {
            Element e = all.get(order[k]);
            nodes[k] = e;
            layer[k] = e.layer();
            index.put(e.id(), k);
            if (e instanceof Component c) {
                rtoMillis[k] = c.rto().toMillis();
                rpoMillis[k] = c.rpo().toMillis();
                dataStore[k] = c.layer() == Layer.DATA_STORE;
            }
        }
        List<RedundancyGroup> groupList = new ArrayList<>();
        linkStart = new int[n + 1];
        int links = 0;
        for (Element e : nodes) {
            links += e.dependsOn().size();
        }
        link = new int[links];
        int at = 0;
        for (int k = 0; k < n; k++) {
            linkStart[k] = at;
            for (Dependency d : nodes[k].dependsOn()) {
                link[at++] = switch (d) {
                    case Dependency.Direct(ElementId t) -> index.get(t);
                    case Dependency.Redundant(RedundancyGroup g) -> {
                        groupList.add(g);
                        yield -groupList.size();
                    }
                };
            }
        }
        linkStart[n] = at;
        int g = groupList.size();
        groups = groupList.toArray(new RedundancyGroup[0]);
        groupMembers = new int[g][];
        groupActiveActive = new boolean[g];
        groupFailoverMillis = new long[g];
        groupLagMillis = new long[g];
        for (int k = 0; k < g; k++) {
            RedundancyGroup grp = groups[k];
            groupMembers[k] = grp.members().stream().mapToInt(index::get).toArray();
            groupActiveActive[k] = grp.mode() == RedundancyMode.ACTIVE_ACTIVE;
            groupFailoverMillis[k] = grp.failoverTime().toMillis();
            groupLagMillis[k] = grp.replicationLag().toMillis();
        }
        int[] count = new int[n + 1];
        for (int k = 0; k < n; k++) {
            for (int l = linkStart[k]; l < linkStart[k + 1]; l++) {
                for (int t : targets(l)) {
                    count[t]++;
                }
            }
        }
        dependentStart = new int[n + 1];
        for (int k = 0; k < n; k++) {
            dependentStart[k + 1] = dependentStart[k] + count[k];
        }
        dependent = new int[dependentStart[n]];
        int[] fill = dependentStart.clone();
        for (int k = 0; k < n; k++) {
            for (int l = linkStart[k]; l < linkStart[k + 1]; l++) {
                for (int t : targets(l)) {
                    dependent[fill[t]++] = k;
                }
            }
        }
        List<Integer> svc = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (nodes[k] instanceof ImportantService) {
                svc.add(k);
            }
        }
        services = svc.stream().mapToInt(Integer::intValue).toArray();
    }

    public static DependencyGraph of(Register register) {
        return new DependencyGraph(register);
    }

    private int[] targets(int l) {
        int v = link[l];
        return v >= 0 ? new int[] {v} : groupMembers[-1 - v];
    }

    public Register register() {
        return register;
    }

    public int size() {
        return nodes.length;
    }

    /** Number of dependency edges (a group counts one edge per member). */
    public int edges() {
        return dependent.length;
    }

    int indexOf(ElementId id) {
        Integer i = index.get(id);
        if (i == null) {
            throw new IllegalArgumentException("no element '" + id + "' in the register of "
                    + register.institution());
        }
        return i;
    }

    /**
     * The plainest full traversal, the benchmark's baseline: one breadth-first search from all services at once over
     * every dependency, each node visited once; returns the number visited.
     */
    public int traverseOnce() {
        boolean[] seen = new boolean[nodes.length];
        int[] queue = new int[nodes.length];
        int head = 0;
        int tail = 0;
        for (int s : services) {
            seen[s] = true;
            queue[tail++] = s;
        }
        while (head < tail) {
            int v = queue[head++];
            for (int l = linkStart[v]; l < linkStart[v + 1]; l++) {
                int x = link[l];
                if (x >= 0) {
                    if (!seen[x]) {
                        seen[x] = true;
                        queue[tail++] = x;
                    }
                } else {
                    for (int m : groupMembers[-1 - x]) {
                        if (!seen[m]) {
                            seen[m] = true;
                            queue[tail++] = m;
                        }
                    }
                }
            }
        }
        return tail;
    }

    /**
     * One breadth-first search from every service over its dependencies,
     * returning the number of nodes visited.
     */
    public long traverseFromEveryService() {
        int[] seen = new int[nodes.length];
        int[] queue = new int[nodes.length];
        long visited = 0;
        int stamp = 0;
        for (int s : services) {
            stamp++;
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            seen[s] = stamp;
            while (head < tail) {
                int v = queue[head++];
                visited++;
                for (int l = linkStart[v]; l < linkStart[v + 1]; l++) {
                    int x = link[l];
                    if (x >= 0) {
                        if (seen[x] != stamp) {
                            seen[x] = stamp;
                            queue[tail++] = x;
                        }
                    } else {
                        for (int m : groupMembers[-1 - x]) {
                            if (seen[m] != stamp) {
                                seen[m] = stamp;
                                queue[tail++] = m;
                            }
                        }
                    }
                }
            }
        }
        return visited;
    }
}
