package org.finres.events;

/** OCSF {@code actor}: who performed the activity, a user, a process or both. */
public record Actor(User user, ProcessInfo process, Session session, String appName) {

    public static Actor of(User user, ProcessInfo process) {
        return new Actor(user, process, null, null);
    }
}
