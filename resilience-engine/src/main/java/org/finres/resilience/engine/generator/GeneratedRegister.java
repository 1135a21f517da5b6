package org.finres.resilience.engine.generator;

import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.Register;

/** A generated register with the hidden single point of failure planted in it and the service it breaks. */
public record GeneratedRegister(Register register, ElementId plantedSpof, ElementId serviceAtRisk) {
}
