package org.finres.events.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.events.search.DeadLetterView;
import org.finres.events.search.DeadLetters;
import org.finres.events.search.ReplayOutcome;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Input the event plane could not decode, within the caller's tenancy, and its replay. */
@RestController
@RequestMapping("/api/v1/events/dead-letters")
@Tag(name = "Dead letters", description = "Undecodable input kept with its reason, replayable after a mapping fix")
class DeadLettersApi {

    private final DeadLetters deadLetters;

    DeadLettersApi(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** {@code raw} is the stored input as safe text: control characters and invalid UTF-8 escaped as \xNN. */
    record DeadLetterAnswer(long id, String institution, Instant receivedAt, String transport, String format,
                            String reason, int rawSize, String raw, boolean rawTruncated, boolean pending,
                            Instant replayedAt, String replayOutcome) {
        static DeadLetterAnswer of(DeadLetterView v) {
            return new DeadLetterAnswer(v.id(), v.institution().value(), v.receivedAt(), v.transport(), v.format(),
                    v.reason(), v.rawSize(), v.rawText(), v.rawTruncated(), v.pending(), v.replayedAt(),
                    v.replayOutcome());
        }
    }

    /** {@code outcome} is "replayed" or "still-undecodable"; in the latter case the letter stays pending. */
    record ReplayAnswer(long id, String outcome, Integer stored, Integer duplicates, Integer rejected, String reason) {
        static ReplayAnswer of(ReplayOutcome o) {
            return switch (o) {
                case ReplayOutcome.Replayed r ->
                        new ReplayAnswer(r.deadLetter(), "replayed", r.stored(), r.duplicates(), r.rejected(), null);
                case ReplayOutcome.StillUndecodable s ->
                        new ReplayAnswer(s.deadLetter(), "still-undecodable", null, null, null, s.reason());
            };
        }
    }

    @GetMapping
    @Operation(summary = "Dead letters, newest first; page backwards with `before` (an id).")
    List<DeadLetterAnswer> list(@RequestParam(required = false) String institution,
                                @RequestParam(defaultValue = "false") boolean pending,
                                @RequestParam(required = false) Long before,
                                @RequestParam(defaultValue = "50") int limit) {
        InstitutionId filter = institution == null || institution.isBlank() ? null : InstitutionId.of(institution.strip());
        return deadLetters.recent(CurrentActor.get(), filter, pending, before, limit).stream()
                .map(DeadLetterAnswer::of).toList();
    }

    @PostMapping("/{id}/replay")
    @Operation(summary = "Decode a dead letter again and store its events (administrators of its institution or of "
            + "the hub). If it still fails it stays pending with the new reason.")
    ReplayAnswer replay(@PathVariable long id) {
        return ReplayAnswer.of(deadLetters.replay(CurrentActor.get(), id));
    }
}
