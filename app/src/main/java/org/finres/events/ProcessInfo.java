package org.finres.events;

/**
 * OCSF {@code process} (named ProcessInfo so as not to shadow {@link java.lang.Process}). {@code integrity_id}: 1
 * Untrusted, 2 Low, 3 Medium, 4 High, 5 System, 6 Protected.
 */
public record ProcessInfo(Integer pid, String uid, String name, String cmdLine, FileInfo file,
                          ProcessInfo parentProcess, User user, Session session, String workingDirectory,
                          Integer integrityId, String integrity, Long createdTime) {

    /** A process known by its id, unique id and executable path, as most sources report the acting process. */
    public static ProcessInfo of(Integer pid, String uid, String path) {
        return new ProcessInfo(pid, uid, FileInfo.nameOf(path), null, path == null ? null : FileInfo.ofPath(path),
                null, null, null, null, null, null, null);
    }
}
