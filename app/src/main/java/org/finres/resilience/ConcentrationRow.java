package org.finres.resilience;

import java.util.List;

import org.finres.resilience.engine.Layer;

/**
 * One shared dependency across the sector: what it is, how many institutions' important services depend on it and
 * which (by institution and service name), and for how many institutions its loss alone breaches a tolerance.
 */
public record ConcentrationRow(Layer layer, String key, List<String> names, List<String> institutions,
                               List<String> services, List<String> institutionsBreached, int servicesBreached) {
}
