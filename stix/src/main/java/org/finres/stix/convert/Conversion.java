package org.finres.stix.convert;

import java.util.List;

import org.finres.stix.StixBundle;

/**
 * What a conversion produced: a bundle of the converted objects (TLP marking definitions, observables,
 * indicators and, for MISP, the event's report) and the rows or attributes that were left out and why.
 *
 * @param converted how many rows or attributes became objects
 */
public record Conversion(StixBundle bundle, int converted, List<ConversionProblem> problems) {

    public Conversion {
        problems = List.copyOf(problems);
    }
}
