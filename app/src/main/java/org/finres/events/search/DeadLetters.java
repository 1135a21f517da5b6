package org.finres.events.search;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.ConflictException;
import org.finres.core.InstitutionId;
import org.finres.core.NotFoundException;
import org.finres.core.Role;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.EventDecoders;
import org.finres.events.FormatSniffer;
import org.finres.events.InputFormat;
import org.finres.events.internal.intake.EventIntake;
import org.finres.events.internal.intake.IntakeRecord;
import org.finres.events.internal.intake.IntakeResult;
import org.finres.events.internal.store.DeadLetter;
import org.finres.events.internal.store.DeadLetterStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Dead letters within the caller's tenancy, and their replay through the normal intake. */
@Service
public class DeadLetters {

    private final DeadLetterStore store;
    private final EventIntake intake;
    private final EventTenancy tenancy;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    public DeadLetters(DeadLetterStore store, EventIntake intake, EventTenancy tenancy, AuditTrail audit,
                       JdbcClient jdbc, Clock clock) {
        this.store = store;
        this.intake = intake;
        this.tenancy = tenancy;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Newest first, paged backwards by id. */
    public List<DeadLetterView> recent(Actor actor, InstitutionId institution, boolean pendingOnly, Long beforeId,
                                       int limit) {
        InstitutionId scope = tenancy.scope(actor, institution, "events.deadletters", "dead_letter");
        return store.recent(scope, pendingOnly, beforeId, limit).stream().map(DeadLetterView::of).toList();
    }

    /**
     * Replay is a change to the institution's event record, so it is for administrators (the institution's own
     * or the hub's, or their admin-scoped tokens), not for every reader.
     */
    public boolean mayReplay(Actor actor, InstitutionId institution) {
        if (!actor.may(org.finres.core.Permission.EVENTS_READ, institution)) {
            return false;
        }
        return switch (actor) {
            case Actor.User user -> user.role() == Role.HUB_ADMIN || user.role() == Role.INSTITUTION_ADMIN;
            case Actor.SystemProcess process -> true;
            case Actor.Token token -> token.scopes().contains(org.finres.core.TokenScope.ADMIN);
        };
    }

    /**
     * Tries the input again with today's decoders. Only when it decodes does it go through the intake (as
     * transport "replay"): the intake would otherwise file a second dead letter for the same input, where
     * the owner wants this one to stay pending with the new reason.
     */
    public ReplayOutcome replay(Actor actor, long id) {
        DeadLetter letter = store.find(id).orElse(null);
        if (letter == null) {
            tenancy.scope(actor, null, "events.deadletter.replay", "dead_letter");
            throw new NotFoundException("dead_letter", Long.toString(id));
        }
        tenancy.check(actor, letter.institution(), "events.deadletter.replay", "dead_letter", Long.toString(id));
        if (!mayReplay(actor, letter.institution())) {
            audit.recordDenied(actor, "events.deadletter.replay", "dead_letter", Long.toString(id),
                    letter.institution(), "not an administrator");
            throw new AccessRefusedException("replaying dead letters is for institution and hub administrators");
        }
        if (letter.replayedAt() != null) {
            throw new ConflictException("dead letter " + id + " was already replayed at " + letter.replayedAt());
        }
        Instant now = clock.instant();
        InputFormat format = FormatSniffer.sniff(letter.raw());
        Decoding trial = EventDecoders.forFormat(format).decode(letter.raw(), DecodeContext.of(letter.institution(), now));
        String failure = switch (trial) {
            case Decoding.Undecodable undecodable -> undecodable.reason();
            case Decoding.Decoded decoded when decoded.events().isEmpty() ->
                    decoded.rejected().isEmpty() ? "no events in the input" : decoded.rejected().getFirst().reason();
            case Decoding.Decoded decoded -> null;
        };
        ReplayOutcome outcome;
        if (failure != null) {
            jdbc.sql("update dead_letter set replay_outcome = :o where id = :id and replayed_at is null")
                    .param("o", "still undecodable at " + now + ": " + failure).param("id", id).update();
            outcome = new ReplayOutcome.StillUndecodable(id, failure);
        } else {
            // Stored first, marked after: a crash in between leaves it pending, and a second replay is harmless
            // because event ids are derived from the input and duplicates are stored once.
            IntakeResult result = intake.accept(letter.institution(), "replay", List.of(new IntakeRecord(letter.raw(), format)));
            store.markReplayed(id, now, "replayed: " + result.accepted() + " stored, " + result.duplicates()
                    + " already stored, " + result.rejected() + " rejected");
            outcome = new ReplayOutcome.Replayed(id, result.accepted(), result.duplicates(), result.rejected());
        }
        audit.record(actor, AuditEntry.success("events.deadletter.replayed", "dead_letter", Long.toString(id),
                letter.institution()).with("outcome", outcome instanceof ReplayOutcome.Replayed ? "replayed" : "still-undecodable"));
        return outcome;
    }
}
