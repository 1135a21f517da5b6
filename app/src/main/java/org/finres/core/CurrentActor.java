package org.finres.core;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The actor of the current request, as authenticated by the security filters. */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static Optional<Actor> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof ActorAuthentication a ? Optional.of(a.actor()) : Optional.empty();
    }

    /** The actor; a request without one never reaches a controller, so absence is a programming error. */
    public static Actor get() {
        return find().orElseThrow(() -> new IllegalStateException("no authenticated actor on this request"));
    }
}
