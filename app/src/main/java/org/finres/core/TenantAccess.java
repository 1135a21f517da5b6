package org.finres.core;

import org.springframework.stereotype.Component;

/**
 * Decides which tenants' data a caller reaches with a permission, and records every refusal in the audit trail
 * before it is thrown. The hub reaches every institution (or all at once), an institution only its own; another
 * tenant's object answers "not found", exactly like one that does not exist, so probes learn nothing. Every
 * module's reads and changes of tenant data go through here.
 */
@Component
public class TenantAccess {

    private final AuditTrail audit;

    public TenantAccess(AuditTrail audit) {
        this.audit = audit;
    }

    /** The institution to filter on: the requested one when allowed, the caller's own for OWN reach, null for all. */
    public InstitutionId scope(Actor actor, Permission permission, InstitutionId requested, String action,
                               String targetType) {
        Permission.Reach reach = actor.grants().get(permission);
        if (reach == null) {
            audit.recordDenied(actor, action, targetType, null, requested, "missing permission " + permission);
            throw new AccessRefusedException(needs(permission));
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
            throw new AccessRefusedException(needs(permission));
        }
        if (!actor.may(permission, owner)) {
            refuseOtherTenant(actor, action, targetType, targetId, owner);
        }
    }

    private static String needs(Permission permission) {
        return switch (permission) {
            case EVENTS_READ -> "reading events needs the EVENTS_READ permission";
            default -> "this needs the " + permission + " permission";
        };
    }

    /** Answered as "not found", exactly like an object that does not exist. */
    public RuntimeException refuseOtherTenant(Actor actor, String action, String targetType, String targetId,
                                              InstitutionId owner) {
        audit.recordDenied(actor, action, targetType, targetId, owner, "other tenant");
        throw new NotFoundException(targetType, targetId != null ? targetId : owner == null ? "" : owner.value());
    }
}
