package org.finres.events.search;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.springframework.stereotype.Component;

/**
 * Decides which institutions' event data a caller reads, and records every refusal before it is thrown: the hub
 * reads any institution (or all), an institution only its own, and whoever lacks EVENTS_READ nothing.
 */
@Component
public class EventTenancy {

    private final AuditTrail audit;

    public EventTenancy(AuditTrail audit) {
        this.audit = audit;
    }

    /**
     * The institution to filter on: the requested one if the caller may read it, the caller's own when it reads
     * only its own, or null (every institution) for the hub asking for none in particular.
     */
    public InstitutionId scope(Actor actor, InstitutionId requested, String action, String targetType) {
        Permission.Reach reach = actor.grants().get(Permission.EVENTS_READ);
        if (reach == null) {
            audit.recordDenied(actor, action, targetType, null, requested, "missing permission EVENTS_READ");
            throw new AccessRefusedException("reading events needs the EVENTS_READ permission");
        }
        return switch (reach) {
            case ALL -> requested;
            case OWN -> {
                if (requested != null && !requested.equals(actor.institutionId())) {
                    refuseOtherTenant(actor, action, targetType, null, requested);
                }
                yield actor.institutionId();
            }
        };
    }

    /** Checks access to one object of a known institution. */
    public void check(Actor actor, InstitutionId owner, String action, String targetType, String targetId) {
        if (!actor.holds(Permission.EVENTS_READ)) {
            audit.recordDenied(actor, action, targetType, targetId, owner, "missing permission EVENTS_READ");
            throw new AccessRefusedException("reading events needs the EVENTS_READ permission");
        }
        if (!actor.may(Permission.EVENTS_READ, owner)) {
            refuseOtherTenant(actor, action, targetType, targetId, owner);
        }
    }

    /** Answered as "not found" so that a probe learns nothing about what another institution holds. */
    private void refuseOtherTenant(Actor actor, String action, String targetType, String targetId, InstitutionId owner) {
        audit.recordDenied(actor, action, targetType, targetId, owner, "other tenant");
        throw new NotFoundException(targetType, targetId != null ? targetId : owner.value());
    }
}
