package org.finres.events;

import java.util.List;

/** The outcome of reading one OCSF JSON document: an event, or the rules it breaks. */
public sealed interface OcsfParse {

    record Parsed(OcsfEvent event) implements OcsfParse {
    }

    record Invalid(List<Violation> violations) implements OcsfParse {

        public Invalid {
            violations = List.copyOf(violations);
        }
    }
}
