package org.finres.core;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The Spring Security view of an authenticated {@link Actor}; authorities mirror the actor's permissions. */
public final class ActorAuthentication extends AbstractAuthenticationToken {

    private final Actor actor;

    public ActorAuthentication(Actor actor) {
        super(actor.grants().keySet().stream().map(p -> new SimpleGrantedAuthority("PERM_" + p.name())).toList());
        this.actor = actor;
        setAuthenticated(true);
    }

    public Actor actor() {
        return actor;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.auditName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActorAuthentication other && other.actor.equals(actor);
    }

    @Override
    public int hashCode() {
        return actor.hashCode();
    }
}
