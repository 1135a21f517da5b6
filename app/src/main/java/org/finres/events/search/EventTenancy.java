package org.finres.events.search;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.springframework.stereotype.Component;

/**
 * Which institutions' event data a caller reads: the hub any institution (or all), an institution only its own,
 * whoever lacks EVENTS_READ nothing. Every refusal is audited by {@link TenantAccess} before it is thrown.
 */
@Component
public class EventTenancy {

    private final TenantAccess access;

    public EventTenancy(TenantAccess access) {
        this.access = access;
    }

    /**
     * The institution to filter on: the requested one if the caller may read it, the caller's own when it reads
     * only its own, or null (every institution) for the hub asking for none in particular.
     */
    public InstitutionId scope(Actor actor, InstitutionId requested, String action, String targetType) {
        return access.scope(actor, Permission.EVENTS_READ, requested, action, targetType);
    }

    /** Checks access to one object of a known institution. */
    public void check(Actor actor, InstitutionId owner, String action, String targetType, String targetId) {
        access.check(actor, Permission.EVENTS_READ, owner, action, targetType, targetId);
    }
}
