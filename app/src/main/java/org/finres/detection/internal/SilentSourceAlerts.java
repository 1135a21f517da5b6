package org.finres.detection.internal;

import java.util.List;
import java.util.Map;

import org.finres.detection.AlertKind;
import org.finres.events.SourceFellSilent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A source that fell silent is an alert for its institution: missing logs hide attacks as well as any evasion. */
@Component
class SilentSourceAlerts {

    private final AlertWriter writer;

    SilentSourceAlerts(AlertWriter writer) {
        this.writer = writer;
    }

    @EventListener
    void on(SourceFellSilent silent) {
        writer.write(List.of(new AlertHit(AlertKind.SOURCE_SILENT, silent.institution(), "finres:source-silent",
                "Event source fell silent: " + silent.sourceName(),
                "Nothing arrived from " + silent.sourceName() + " since " + silent.lastReceived()
                        + " (expected at least every " + silent.expectedInterval() + ").",
                "medium", silent.sourceName(), Map.of("source", silent.sourceName()), silent.detectedAt(), List.of(),
                null)));
    }
}
