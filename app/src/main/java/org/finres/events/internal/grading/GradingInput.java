package org.finres.events.internal.grading;

import org.finres.core.InstitutionKind;
import org.finres.core.SizeTier;
import org.finres.events.Severity;

/** What grading looks at: the event's class, category, activity and severity, and who sent it. */
public record GradingInput(int categoryUid, int classUid, int activityId, Severity severity, InstitutionKind institutionKind,
                           SizeTier sizeTier) {
}
