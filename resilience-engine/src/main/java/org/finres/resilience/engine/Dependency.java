package org.finres.resilience.engine;

import java.util.List;

/** One entry of an element's dependencies: a single element it needs, or a redundancy group of which it needs one. */
public sealed interface Dependency {

    /** The elements this dependency points at. */
    List<ElementId> targets();

    /** A serial dependency: when the target is down, so is the dependent. */
    record Direct(ElementId target) implements Dependency {
        public Direct {
            if (target == null) {
                throw new IllegalArgumentException("a dependency needs a target");
            }
        }

        @Override
        public List<ElementId> targets() {
            return List.of(target);
        }
    }

    /** A dependency on any one member of a group. */
    record Redundant(RedundancyGroup group) implements Dependency {
        public Redundant {
            if (group == null) {
                throw new IllegalArgumentException("a redundant dependency needs its group");
            }
        }

        @Override
        public List<ElementId> targets() {
            return group.members();
        }
    }

    static Dependency on(String target) {
        return new Direct(ElementId.of(target));
    }
}
