package org.finres.resilience;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.finres.core.InvalidInputException;
import org.finres.resilience.engine.Element;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.analysis.Scenario;

/**
 * A scenario as a caller names it: the severe-but-plausible pair (a region and a supplier at once), ransomware in
 * one layer, or named elements lost. {@link #toScenario(Register)} checks the names against the register.
 */
public sealed interface ScenarioSpec {

    /** The loss of a whole region and the outage of a supplier at the same time. */
    record RegionAndSupplier(String region, String supplier) implements ScenarioSpec {
    }

    /** Ransomware that encrypts every element of one layer, replicas included. */
    record Ransomware(String layer) implements ScenarioSpec {
    }

    /** Named elements lost together. */
    record ElementsLost(List<String> elements) implements ScenarioSpec {
        public ElementsLost {
            elements = elements == null ? List.of() : List.copyOf(elements);
        }
    }

    /** A compact text form for storage and links: {@code region-supplier:R,S}, {@code ransomware:L}, {@code lost:A,B}. */
    default String code() {
        return switch (this) {
            case RegionAndSupplier r -> "region-supplier:" + r.region() + "," + r.supplier();
            case Ransomware r -> "ransomware:" + r.layer();
            case ElementsLost l -> "lost:" + String.join(",", l.elements());
        };
    }

    static ScenarioSpec parse(String code) {
        if (code == null || !code.contains(":")) {
            throw new InvalidInputException("scenario", "must be region-supplier:REGION,SUPPLIER, ransomware:LAYER or "
                    + "lost:ID,ID (was '" + InvalidInputException.preview(code) + "')");
        }
        String kind = code.substring(0, code.indexOf(':'));
        String rest = code.substring(code.indexOf(':') + 1);
        List<String> parts = rest.isBlank() ? List.of() : List.of(rest.split(","));
        return switch (kind) {
            case "region-supplier" -> {
                if (parts.size() != 2) {
                    throw new InvalidInputException("scenario", "region-supplier names one region and one supplier");
                }
                yield new RegionAndSupplier(parts.get(0).strip(), parts.get(1).strip());
            }
            case "ransomware" -> new Ransomware(rest.strip());
            case "lost" -> new ElementsLost(parts.stream().map(String::strip).toList());
            default -> throw new InvalidInputException("scenario", "unknown kind '" + InvalidInputException.preview(kind)
                    + "'; expected region-supplier, ransomware or lost");
        };
    }

    /** The engine's scenario, after checking every name against the register (400 naming the unknown one). */
    default Scenario toScenario(Register register) {
        return switch (this) {
            case RegionAndSupplier r -> Scenario.regionAndSupplier(
                    element(register, "region", r.region(), Layer.REGION).id(),
                    element(register, "supplier", r.supplier(), Layer.SUPPLIER).id());
            case Ransomware r -> Scenario.ransomware(layer(r.layer()));
            case ElementsLost l -> {
                if (l.elements().isEmpty()) {
                    throw new InvalidInputException("elements", "must name at least one element to lose");
                }
                Set<ElementId> ids = new LinkedHashSet<>();
                for (String e : l.elements()) {
                    Element found = element(register, "elements", e, null);
                    if (found.layer() == Layer.SERVICE) {
                        throw new InvalidInputException("elements", "'" + e + "' is a service; lose what it runs on");
                    }
                    ids.add(found.id());
                }
                yield new Scenario.ElementsLost("loss of " + String.join(" and ", l.elements()), ids);
            }
        };
    }

    static Layer layer(String name) {
        Layer layer = name == null ? null : Layer.fromFormatName(name.strip()).orElse(null);
        if (layer == null || layer == Layer.SERVICE) {
            List<String> names = new ArrayList<>();
            for (Layer l : Layer.values()) {
                if (l != Layer.SERVICE) {
                    names.add(l.formatName());
                }
            }
            throw new InvalidInputException("layer", "must be one of " + String.join(", ", names) + " (was '"
                    + InvalidInputException.preview(name) + "')");
        }
        return layer;
    }

    private static Element element(Register register, String field, String id, Layer expected) {
        Element e = id == null || !ElementId.isValid(id) ? null : register.element(ElementId.of(id)).orElse(null);
        if (e == null) {
            throw new InvalidInputException(field, "names unknown element '" + InvalidInputException.preview(id)
                    + "' (not in register of " + register.institution() + ")");
        }
        if (expected != null && e.layer() != expected) {
            throw new InvalidInputException(field, "'" + id + "' is a " + e.layer() + ", not a " + expected);
        }
        return e;
    }
}
