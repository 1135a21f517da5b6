package org.finres.events.internal.syslog;

import org.finres.core.InstitutionId;

/** Whether an accepted connection may send events, and as whom. */
sealed interface ConnectionVerdict {

    /** Every event on the connection belongs to {@code institution}, whatever its payload claims. */
    record Admitted(InstitutionId institution, String how) implements ConnectionVerdict {
    }

    record Refused(String reason) implements ConnectionVerdict {
    }
}
