package org.finres.web;

import java.util.Objects;
import java.util.function.Predicate;

import org.finres.core.Actor;
import org.finres.core.Permission;

/**
 * One entry of the main navigation. A module contributes its entries as beans; an entry is shown only to the
 * actors its audience admits, so nobody is offered a page that would refuse them.
 *
 * @param messageKey the entry's label in the message bundles
 * @param path       where it leads, starting with {@code /}
 * @param order      position in the menu, lowest first
 * @param audience   who sees it
 */
public record NavigationEntry(String messageKey, String path, int order, Predicate<Actor> audience) {

    public NavigationEntry {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(audience, "audience");
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a navigation path starts with '/', was " + path);
        }
    }

    /** An entry every signed-in actor sees. */
    public static NavigationEntry forEveryone(String messageKey, String path, int order) {
        return new NavigationEntry(messageKey, path, order, actor -> true);
    }

    /** An entry for actors who hold the permission over at least their own tenant. */
    public static NavigationEntry requiring(Permission permission, String messageKey, String path, int order) {
        Objects.requireNonNull(permission, "permission");
        return new NavigationEntry(messageKey, path, order, actor -> actor.holds(permission));
    }

    public boolean shownTo(Actor actor) {
        return actor != null && audience.test(actor);
    }

    /**
     * Whether the entry is the section the given page belongs to. The dashboard at {@code /} is current only on
     * itself; any other entry also on the pages below it ({@code /users/new} belongs to {@code /users}).
     */
    public boolean isCurrent(String currentPath) {
        if (currentPath == null) {
            return false;
        }
        if (path.equals("/")) {
            return currentPath.equals("/");
        }
        return currentPath.equals(path) || currentPath.startsWith(path + "/");
    }
}
