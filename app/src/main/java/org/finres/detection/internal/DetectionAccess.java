package org.finres.detection.internal;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.springframework.stereotype.Component;

/**
 * Decides what of detection a caller may read or change, and records every refusal before it is thrown. An
 * institution reaches only its own (other tenants' objects answer "not found", so probes learn nothing).
 */
@Component
public class DetectionAccess {

    private final AuditTrail audit;

    public DetectionAccess(AuditTrail audit) {
        this.audit = audit;
    }

    /** The institution to filter on: the requested one when allowed, the caller's own for OWN reach, null for all. */
    public InstitutionId scope(Actor actor, Permission permission, InstitutionId requested, String action,
                               String targetType) {
        Permission.Reach reach = actor.grants().get(permission);
        if (reach == null) {
            audit.recordDenied(actor, action, targetType, null, requested, "missing permission " + permission);
            throw new AccessRefusedException("this needs the " + permission + " permission");
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

    /** Requires the permission over every tenant (hub-wide and sector objects). */
    public void requireAll(Actor actor, Permission permission, String action, String targetType, String targetId) {
        Permission.Reach reach = actor.grants().get(permission);
        if (reach != Permission.Reach.ALL) {
            audit.recordDenied(actor, action, targetType, targetId, null,
                    reach == null ? "missing permission " + permission : permission + " over the hub");
            throw new AccessRefusedException("this needs the " + permission + " permission over the whole sector");
        }
    }

    /** Requires the permission over one object's institution. */
    public void check(Actor actor, Permission permission, InstitutionId owner, String action, String targetType,
                      String targetId) {
        if (!actor.holds(permission)) {
            audit.recordDenied(actor, action, targetType, targetId, owner, "missing permission " + permission);
            throw new AccessRefusedException("this needs the " + permission + " permission");
        }
        if (!actor.may(permission, owner)) {
            refuseOtherTenant(actor, action, targetType, targetId, owner);
        }
    }

    /** Answered as "not found", exactly like an object that does not exist. */
    public RuntimeException refuseOtherTenant(Actor actor, String action, String targetType, String targetId,
                                              InstitutionId owner) {
        audit.recordDenied(actor, action, targetType, targetId, owner, "other tenant");
        throw new NotFoundException(targetType, targetId != null ? targetId : owner == null ? "" : owner.value());
    }
}
