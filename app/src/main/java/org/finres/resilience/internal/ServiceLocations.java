package org.finres.resilience.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.finres.resilience.engine.Dependency;
import org.finres.resilience.engine.Element;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.ImportantService;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.Register;

/**
 * Where each service runs, for the command view: the sites and availability zones beneath it (regions when it has
 * neither), and whether a set of lost elements lies on the way from the service to a location or beneath it, which
 * is what "down there" means to the people restoring it.
 */
public final class ServiceLocations {

    private final Map<ElementId, Element> byId;
    private final Map<ElementId, Set<ElementId>> reach = new HashMap<>();

    public ServiceLocations(Register register) {
        this.byId = register.byId();
    }

    /** Every service's locations, in register order. */
    public Map<ElementId, List<ElementId>> locations(Register register) {
        Map<ElementId, List<ElementId>> out = new LinkedHashMap<>();
        for (ImportantService s : register.services()) {
            List<ElementId> sites = new ArrayList<>();
            List<ElementId> regions = new ArrayList<>();
            for (ElementId e : reachable(s.id())) {
                Layer layer = byId.get(e).layer();
                if (layer == Layer.SITE || layer == Layer.AVAILABILITY_ZONE) {
                    sites.add(e);
                } else if (layer == Layer.REGION) {
                    regions.add(e);
                }
            }
            out.put(s.id(), sites.isEmpty() ? regions : sites);
        }
        return out;
    }

    /** True when a lost element lies between the service and the location, is the location, or lies beneath it. */
    public boolean down(ElementId service, ElementId location, Set<ElementId> lost) {
        Set<ElementId> below = reachable(location);
        if (lost.contains(location) || below.stream().anyMatch(lost::contains)) {
            return true;
        }
        for (ElementId e : reachable(service)) {
            if (lost.contains(e) && reachable(e).contains(location)) {
                return true;
            }
        }
        return false;
    }

    /** Everything {@code from} depends on, directly or not, through any member of any group (itself excluded). */
    public Set<ElementId> reachable(ElementId from) {
        Set<ElementId> known = reach.get(from);
        if (known != null) {
            return known;
        }
        Set<ElementId> seen = new LinkedHashSet<>();
        Deque<ElementId> todo = new ArrayDeque<>();
        todo.push(from);
        while (!todo.isEmpty()) {
            Element e = byId.get(todo.pop());
            if (e == null) {
                continue;
            }
            for (Dependency d : e.dependsOn()) {
                for (ElementId t : d.targets()) {
                    if (seen.add(t)) {
                        todo.push(t);
                    }
                }
            }
        }
        reach.put(from, seen);
        return seen;
    }
}
