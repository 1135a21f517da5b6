package org.finres.resilience.drill.plan;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Something the runner does to the system: the fault, or a rollback step. */
public sealed interface DrillAction {

    Duration timeout();

    /** Runs {@code argv} (no shell unless it names one); succeeded means exit code 0. */
    record Command(List<String> argv, Duration timeout) implements DrillAction {
        public Command {
            argv = List.copyOf(argv);
        }
    }

    /** Sends one HTTP request; succeeded means a 2xx answer. */
    record HttpHook(URI url, String method, String body, Duration timeout) implements DrillAction {
        public HttpHook {
            body = body == null ? "" : body;
        }
    }
}
