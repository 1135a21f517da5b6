package org.finres.events;

/** OCSF {@code session}: a logon session, identified by the source's id (a Windows logon id, say). */
public record Session(String uid, String uuid, Boolean isRemote, String terminal) {

    public static Session ofUid(String uid) {
        return new Session(uid, null, null, null);
    }
}
