package org.finres.resilience;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.resilience.engine.analysis.RestorationPlan;

/**
 * The command view of a drill or incident: which services are up at which location, who is assigned to each, the
 * restoration order for the scenario with the steps done so far, and the notes. A location is down while an element
 * the scenario lost lies on the way to it and its restoration step is not done; what the team reports overrides that.
 */
public record Operation(UUID id, InstitutionId institution, OperationKind kind, String title, ScenarioSpec scenario,
                        int registerVersion, boolean open, Instant openedAt, String openedBy, Instant closedAt,
                        List<ServiceRow> services, RestorationPlan plan, Set<String> doneSteps,
                        List<RestorationPlan.Step> nextSteps, List<Note> notes) {

    /** One service: its assignee (empty when nobody is) and its state per location. */
    public record ServiceRow(String service, String name, String assignee, List<Cell> locations) {
        /** Its state at {@code location}, or null when it does not run there. */
        public Cell at(String location) {
            return locations.stream().filter(c -> c.location().equals(location)).findFirst().orElse(null);
        }

        public boolean up() {
            return locations.stream().anyMatch(Cell::up) || locations.isEmpty();
        }
    }

    /** Up or down at one location; {@code reported} when the team set it, else what the scenario implies. */
    public record Cell(String location, boolean up, boolean reported) {
    }

    public record Note(long id, String text, Instant writtenAt, String writtenBy) {
    }

    /** The locations of every service together, in first-seen order, for the table's columns. */
    public List<String> locationColumns() {
        return services.stream().flatMap(s -> s.locations().stream()).map(Cell::location).distinct().toList();
    }
}
