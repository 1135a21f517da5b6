package org.finres.resilience.engine;

import java.util.List;

/** A node of the dependency graph: an important business service or a component beneath one. */
public sealed interface Element permits ImportantService, Component {

    ElementId id();

    Layer layer();

    String name();

    List<Dependency> dependsOn();
}
