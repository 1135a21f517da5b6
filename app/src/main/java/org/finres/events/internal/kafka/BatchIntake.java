package org.finres.events.internal.kafka;

import java.util.List;

import org.finres.core.InstitutionId;
import org.finres.events.internal.intake.IntakeRecord;
import org.finres.events.internal.intake.IntakeResult;

/**
 * Where one topic's records go: the shared intake in the hub. An interface so that tests can fail or crash it around
 * the real intake and prove what the consumer does then.
 */
@FunctionalInterface
interface BatchIntake {

    /** Stores the batch durably and returns after the commit, or throws and stores nothing. */
    IntakeResult accept(InstitutionId institution, List<IntakeRecord> records);
}
