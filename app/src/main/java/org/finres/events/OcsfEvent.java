package org.finres.events;

/**
 * A canonical F-SOC event: one of the OCSF classes we model. Every class record holds the shared
 * {@link BaseAttributes}; class, category and type ids follow from the class and its activity.
 */
public sealed interface OcsfEvent permits BaseEvent, FileSystemActivity, ProcessActivity, RegistryKeyActivity,
        RegistryValueActivity, SecurityFinding, VulnerabilityFinding, DetectionFinding, AccountChange, Authentication,
        NetworkActivity, HttpActivity, DnsActivity {

    BaseAttributes base();

    /** The same event with other shared attributes (observables added, raw data dropped...). */
    OcsfEvent withBase(BaseAttributes base);

    default OcsfClass ocsfClass() {
        return switch (this) {
            case BaseEvent e -> OcsfClass.BASE_EVENT;
            case FileSystemActivity e -> OcsfClass.FILE_SYSTEM_ACTIVITY;
            case ProcessActivity e -> OcsfClass.PROCESS_ACTIVITY;
            case RegistryKeyActivity e -> OcsfClass.REGISTRY_KEY_ACTIVITY;
            case RegistryValueActivity e -> OcsfClass.REGISTRY_VALUE_ACTIVITY;
            case SecurityFinding e -> OcsfClass.SECURITY_FINDING;
            case VulnerabilityFinding e -> OcsfClass.VULNERABILITY_FINDING;
            case DetectionFinding e -> OcsfClass.DETECTION_FINDING;
            case AccountChange e -> OcsfClass.ACCOUNT_CHANGE;
            case Authentication e -> OcsfClass.AUTHENTICATION;
            case NetworkActivity e -> OcsfClass.NETWORK_ACTIVITY;
            case HttpActivity e -> OcsfClass.HTTP_ACTIVITY;
            case DnsActivity e -> OcsfClass.DNS_ACTIVITY;
        };
    }

    default int classUid() {
        return ocsfClass().uid();
    }

    default int categoryUid() {
        return ocsfClass().categoryUid();
    }

    default int activityId() {
        return base().activityId();
    }

    /** OCSF requires {@code type_uid = class_uid * 100 + activity_id}. */
    default long typeUid() {
        return ocsfClass().typeUid(activityId());
    }

    default Severity severity() {
        return base().severity();
    }
}
