package org.finres.events;

/** OCSF {@code analytic}: the rule or model that produced a finding; {@code type_id} 1 is a rule. */
public record Analytic(String uid, String name, int typeId, String type) {

    public static Analytic rule(String uid, String name) {
        return new Analytic(uid, name, 1, "Rule");
    }
}
