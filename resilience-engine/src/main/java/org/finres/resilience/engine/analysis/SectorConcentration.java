package org.finres.resilience.engine.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.finres.resilience.engine.Component;
import org.finres.resilience.engine.Element;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.Register;

/**
 * For the regulator: over many institutions' registers, which sites, regions, providers, carriers and suppliers the
 * sector's important services depend on, and for how many institutions the loss of each would breach a tolerance.
 * The same real thing is matched across registers by {@link Component#concentrationKey()}.
 */
public final class SectorConcentration {

    private SectorConcentration() {
    }

    /**
     * One shared dependency: the institutions and services that depend on it at all (through redundancy or not),
     * and those whose tolerance its loss alone breaches.
     */
    public record Entry(Layer layer, String key, Set<String> names, List<String> institutions, int services,
                        List<String> institutionsBreached, int servicesBreached) {

        public Entry {
            names = Set.copyOf(names);
            institutions = List.copyOf(institutions);
            institutionsBreached = List.copyOf(institutionsBreached);
        }
    }

    /** Entries for every shared infrastructure or supplier element, most institutions first. */
    public static List<Entry> of(Collection<Register> registers) {
        Set<String> seenInstitutions = new HashSet<>();
        Map<String, Accumulator> byKey = new LinkedHashMap<>();
        for (Register r : registers) {
            if (!seenInstitutions.add(r.institution())) {
                throw new IllegalArgumentException("two registers of institution " + r.institution());
            }
            DependencyGraph g = DependencyGraph.of(r);
            Propagation p = new Propagation(g);
            int[] one = new int[1];
            for (int i = 0; i < g.size(); i++) {
                Element e = g.nodes[i];
                if (!(e instanceof Component c) || !c.layer().isInfrastructureOrSupplier()) {
                    continue;
                }
                one[0] = i;
                p.run(one, 1, null);
                int dependent = 0;
                int breached = 0;
                for (int s : g.services) {
                    if (!p.isAffected(s)) {
                        continue;
                    }
                    dependent++;
                    ServiceOutcome o = ServiceOutcome.of(g, p, s);
                    if (o.breached()) {
                        breached++;
                    }
                }
                if (dependent == 0) {
                    continue;
                }
                Accumulator a = byKey.computeIfAbsent(c.layer() + "\u0000" + c.concentrationKey(),
                        k -> new Accumulator(c.layer(), c.concentrationKey()));
                a.names.add(c.name());
                a.institutions.add(r.institution());
                a.services += dependent;
                if (breached > 0) {
                    a.breachedInstitutions.add(r.institution());
                }
                a.servicesBreached += breached;
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Accumulator a : byKey.values()) {
            entries.add(new Entry(a.layer, a.key, a.names, List.copyOf(a.institutions), a.services,
                    List.copyOf(a.breachedInstitutions), a.servicesBreached));
        }
        entries.sort(Comparator.comparingInt((Entry e) -> -e.institutions().size())
                .thenComparingInt(e -> -e.institutionsBreached().size())
                .thenComparingInt(e -> -e.services())
                .thenComparing(Entry::layer).thenComparing(Entry::key));
        return entries;
    }

    private static final class Accumulator {
        final Layer layer;
        final String key;
        final Set<String> names = new TreeSet<>();
        final Set<String> institutions = new TreeSet<>();
        final Set<String> breachedInstitutions = new TreeSet<>();
        int services;
        int servicesBreached;

        Accumulator(Layer layer, String key) {
            this.layer = layer;
            this.key = key;
        }
    }
}
