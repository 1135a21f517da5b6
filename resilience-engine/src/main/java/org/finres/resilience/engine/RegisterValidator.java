package org.finres.resilience.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph-level rules of a register (each record checks its own fields): unique ids, known references, layer
 * order, no cycles, distinct group members. Returns every problem rather than stopping at the first.
 */
final class RegisterValidator {

    private static final int MAX_CYCLES_REPORTED = 20;

    private RegisterValidator() {
    }

    static List<RegisterProblem> validate(String institution, List<ImportantService> services,
                                          List<Component> components, SourceLocations at) {
        List<RegisterProblem> problems = new ArrayList<>();
        if (institution == null || institution.isBlank()) {
            problems.add(new RegisterProblem(0, 0, "", "the register names no institution"));
        }
        List<Element> all = new ArrayList<>(services);
        all.addAll(components);
        Map<ElementId, Element> byId = new HashMap<>();
        for (Element e : all) {
            if (byId.putIfAbsent(e.id(), e) != null) {
                problems.add(problem(at, e.id().value(), "id", "duplicate id: another " + byId.get(e.id()).layer()
                        + " already has it"));
            }
        }
        Map<ElementId, ElementId> groupOwner = new HashMap<>();
        for (Element e : all) {
            for (Dependency d : e.dependsOn()) {
                if (d instanceof Dependency.Redundant(RedundancyGroup g)) {
                    ElementId earlier = groupOwner.putIfAbsent(g.id(), e.id());
                    if (earlier != null) {
                        problems.add(problem(at, g.id().value(), "group", "duplicate redundancy group id (also in '"
                                + earlier + "')"));
                    }
                    if (byId.containsKey(g.id())) {
                        problems.add(problem(at, g.id().value(), "group",
                                "a redundancy group may not share its id with an element"));
                    }
                    Set<ElementId> seen = new HashSet<>();
                    for (ElementId m : g.members()) {
                        if (!seen.add(m)) {
                            problems.add(problem(at, g.id().value(), "members", "member '" + m + "' is listed twice"));
                        }
                    }
                }
                for (ElementId t : d.targets()) {
                    Element target = byId.get(t);
                    if (target == null) {
                        problems.add(problem(at, e.id().value(), "dependsOn", "depends on unknown element '" + t + "'"));
                    } else if (target.layer() == Layer.SERVICE) {
                        problems.add(problem(at, e.id().value(), "dependsOn", "depends on '" + t
                                + "', an important business service; services are the top of the graph"));
                    } else if (!e.layer().mayDependOn(target.layer())) {
                        problems.add(problem(at, e.id().value(), "dependsOn", "wrong layer order: a " + e.layer()
                                + " may not depend on '" + t + "', a " + target.layer()
                                + " (dependencies go down: service, process, application, data-store, site,"
                                + " availability-zone, region, cloud-provider, network-carrier, supplier)"));
                    }
                }
            }
        }
        findCycles(all, byId, at, problems);
        return problems;
    }

    /** Iterative depth-first search (a 10,000-deep chain must not overflow the stack); names each cycle found. */
    private static void findCycles(List<Element> all, Map<ElementId, Element> byId, SourceLocations at,
                                   List<RegisterProblem> problems) {
        Map<ElementId, Integer> state = new HashMap<>();   // absent: new, 1: on the path, 2: done
        int reported = 0;
        for (Element root : all) {
            if (state.containsKey(root.id())) {
                continue;
            }
            List<ElementId> path = new ArrayList<>();
            List<List<ElementId>> pending = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            path.add(root.id());
            pending.add(targets(root));
            next.add(0);
            state.put(root.id(), 1);
            while (!path.isEmpty()) {
                int top = path.size() - 1;
                List<ElementId> targets = pending.get(top);
                int i = next.get(top);
                if (i == targets.size()) {
                    state.put(path.get(top), 2);
                    path.remove(top);
                    pending.remove(top);
                    next.remove(top);
                    continue;
                }
                next.set(top, i + 1);
                ElementId t = targets.get(i);
                Element target = byId.get(t);
                if (target == null) {
                    continue;
                }
                Integer s = state.get(t);
                if (s == null) {
                    state.put(t, 1);
                    path.add(t);
                    pending.add(targets(target));
                    next.add(0);
                } else if (s == 1 && reported < MAX_CYCLES_REPORTED) {
                    List<ElementId> cycle = new ArrayList<>(path.subList(path.indexOf(t), path.size()));
                    cycle.add(t);
                    StringBuilder sb = new StringBuilder("dependency cycle: ");
                    for (int c = 0; c < cycle.size(); c++) {
                        sb.append(c == 0 ? "" : " -> ").append(cycle.get(c));
                    }
                    // Reported at the element whose dependency closes the cycle.
                    problems.add(problem(at, path.get(top).value(), "dependsOn", sb.toString()));
                    reported++;
                }
            }
        }
    }

    private static List<ElementId> targets(Element e) {
        List<ElementId> list = new ArrayList<>();
        for (Dependency d : e.dependsOn()) {
            list.addAll(d.targets());
        }
        return list;
    }

    private static RegisterProblem problem(SourceLocations at, String id, String field, String message) {
        int[] lc = at.of(id, field);
        return new RegisterProblem(lc[0], lc[1], id, message);
    }
}
