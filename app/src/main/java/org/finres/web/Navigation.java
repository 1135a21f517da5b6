package org.finres.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.finres.core.Actor;
import org.finres.core.Permission;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The main menu: the core module's pages, which the shell lists itself because core cannot depend on the shell,
 * plus every {@link NavigationEntry} bean other modules contribute. A module that does not exist contributes
 * nothing, so the menu never links to a page that is not there.
 */
@Component
class Navigation {

    static final List<NavigationEntry> CORE = List.of(
            NavigationEntry.forEveryone("nav.dashboard", "/", 0),
            NavigationEntry.requiring(Permission.INSTITUTIONS_READ, "nav.institutions", "/institutions", 100),
            NavigationEntry.requiring(Permission.USERS_READ, "nav.users", "/users", 110),
            NavigationEntry.requiring(Permission.TOKENS_READ, "nav.tokens", "/tokens", 120),
            NavigationEntry.requiring(Permission.AUDIT_READ, "nav.audit", "/audit", 130),
            NavigationEntry.forEveryone("nav.apiDocs", "/swagger-ui.html", 1000));

    private final List<NavigationEntry> entries;

    Navigation(ObjectProvider<NavigationEntry> contributed) {
        List<NavigationEntry> all = new ArrayList<>(CORE);
        contributed.orderedStream().forEach(all::add);
        all.sort(Comparator.comparingInt(NavigationEntry::order));
        this.entries = List.copyOf(all);
    }

    /** The entries the actor may use, in menu order; none for a visitor who has not signed in. */
    List<NavigationEntry> visibleTo(Actor actor) {
        if (actor == null) {
            return List.of();
        }
        return entries.stream().filter(e -> e.shownTo(actor)).toList();
    }
}
