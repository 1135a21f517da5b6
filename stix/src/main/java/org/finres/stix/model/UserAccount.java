package org.finres.stix.model;


/**
 * The user-account object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record UserAccount(
        StixId id,
        CommonProperties common,
        String userId,
        String credential,
        String accountLogin,
        String accountType,
        String displayName,
        Boolean isServiceAccount,
        Boolean isPrivileged,
        Boolean canEscalatePrivs,
        Boolean isDisabled,
        StixTimestamp accountCreated,
        StixTimestamp accountExpires,
        StixTimestamp credentialLastChanged,
        StixTimestamp accountFirstLogin,
        StixTimestamp accountLastLogin,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "user-account";

    @Override
    public String type() {
        return TYPE;
    }

    static UserAccount decode(StixId id, CommonProperties common, StixJson json) {
        return new UserAccount(
                id,
                common,
                json.text("user_id"),
                json.text("credential"),
                json.text("account_login"),
                json.text("account_type"),
                json.text("display_name"),
                json.bool("is_service_account"),
                json.bool("is_privileged"),
                json.bool("can_escalate_privs"),
                json.bool("is_disabled"),
                json.timestamp("account_created"),
                json.timestamp("account_expires"),
                json.timestamp("credential_last_changed"),
                json.timestamp("account_first_login"),
                json.timestamp("account_last_login"),
                json);
    }
}
