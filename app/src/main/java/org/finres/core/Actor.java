package org.finres.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Who is acting: a logged-in user, an API token, or the hub itself. Every access decision and every audit
 * record starts from an actor.
 */
public sealed interface Actor extends java.io.Serializable {

    /** The tenant the actor belongs to; {@code null} only for {@link SystemProcess}. */
    InstitutionId institutionId();

    /** How the actor is named in the audit trail: {@code user:alice}, {@code token:abcd...}, {@code system:demo}. */
    String auditName();

    Map<Permission, Permission.Reach> grants();

    /** True when the actor holds the permission over the target tenant's resources. */
    default boolean may(Permission permission, InstitutionId target) {
        Permission.Reach reach = grants().get(permission);
        if (reach == null) {
            return false;
        }
        return switch (reach) {
            case ALL -> true;
            case OWN -> target != null && target.equals(institutionId());
        };
    }

    /**
     * True when the actor may know that the tenant exists: its own, or one it can read. A refusal on a tenant
     * the actor knows is a 403; on any other it is a 404, so that refusals reveal nothing.
     */
    default boolean knowsOf(InstitutionId tenant) {
        return tenant != null && (tenant.equals(institutionId()) || may(Permission.INSTITUTIONS_READ, tenant));
    }

    /** True when the actor holds the permission at all, over its own tenant or beyond. */
    default boolean holds(Permission permission) {
        return grants().containsKey(permission);
    }

    record User(UserId id, String username, InstitutionId institutionId, InstitutionKind institutionKind, Role role)
            implements Actor {
        @Override
        public String auditName() {
            return "user:" + username;
        }

        @Override
        public Map<Permission, Permission.Reach> grants() {
            return role.grants();
        }
    }

    record Token(TokenId id, String name, InstitutionId institutionId, InstitutionKind institutionKind,
                 Set<TokenScope> scopes) implements Actor {
        @Override
        public String auditName() {
            return "token:" + id.value();
        }

        @Override
        public Map<Permission, Permission.Reach> grants() {
            // The union of the scopes' grants; ALL wins over OWN for the same permission.
            Map<Permission, Permission.Reach> merged = new EnumMap<>(Permission.class);
            for (TokenScope scope : scopes) {
                scope.grantsFor(institutionKind).forEach((permission, reach) ->
                        merged.merge(permission, reach, (a, b) -> a == Permission.Reach.ALL ? a : b));
            }
            return merged;
        }
    }

    /** The hub acting on its own behalf (seeding, schedulers, the CLI's local commands). */
    record SystemProcess(String component) implements Actor {
        @Override
        public InstitutionId institutionId() {
            return InstitutionId.HUB;
        }

        @Override
        public String auditName() {
            return "system:" + component;
        }

        @Override
        public Map<Permission, Permission.Reach> grants() {
            Map<Permission, Permission.Reach> all = new EnumMap<>(Permission.class);
            for (Permission permission : Permission.values()) {
                all.put(permission, Permission.Reach.ALL);
            }
            return all;
        }
    }
}
