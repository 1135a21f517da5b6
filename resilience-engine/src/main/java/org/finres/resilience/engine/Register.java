package org.finres.resilience.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One institution's resilience register: its important business services and the components beneath them. Only a
 * valid register exists: construction checks ids, references, layer order, cycles, times and groups and throws
 * {@link RegisterFormatException} listing every problem.
 */
public record Register(String institution, String institutionName, List<ImportantService> services,
                       List<Component> components) {

    /** The format version this engine reads and writes. */
    public static final String FORMAT = "finres-resilience-register/1";

    public Register {
        services = List.copyOf(services);
        components = List.copyOf(components);
        institutionName = institutionName == null ? "" : institutionName;
        List<RegisterProblem> problems = RegisterValidator.validate(institution, services, components,
                SourceLocations.NONE);
        if (!problems.isEmpty()) {
            throw new RegisterFormatException(problems);
        }
    }

    /**
     * Builds a register, reporting graph problems at the source lines {@code at} knows (the reader's way in; the
     * constructor alone reports them without lines).
     */
    public static Register checked(String institution, String institutionName, List<ImportantService> services,
                                   List<Component> components, SourceLocations at) {
        List<RegisterProblem> problems = RegisterValidator.validate(institution, services, components, at);
        if (!problems.isEmpty()) {
            throw new RegisterFormatException(problems);
        }
        return new Register(institution, institutionName, services, components);
    }

    /** Every element, services first, in the order written. */
    public List<Element> elements() {
        List<Element> all = new ArrayList<>(services.size() + components.size());
        all.addAll(services);
        all.addAll(components);
        return all;
    }

    /** Elements by id. */
    public Map<ElementId, Element> byId() {
        Map<ElementId, Element> map = new LinkedHashMap<>();
        for (Element e : elements()) {
            map.put(e.id(), e);
        }
        return map;
    }

    /** The element with this id (a linear search; use {@link #byId()} for many look-ups). */
    public Optional<Element> element(ElementId id) {
        for (Element e : services) {
            if (e.id().equals(id)) {
                return Optional.of(e);
            }
        }
        for (Element e : components) {
            if (e.id().equals(id)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
