package org.finres.events;

/** OCSF {@code user}: an account, with the Windows domain or directory it belongs to. */
public record User(String name, String uid, String domain, String fullName, String emailAddr, Integer typeId) {

    public static User of(String name, String domain, String uid) {
        return new User(name, uid, domain, null, null, null);
    }
}
