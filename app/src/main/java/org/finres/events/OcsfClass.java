package org.finres.events;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OCSF event classes the hub models, with the rules of each as we read them in the OCSF 1.9 schema: uid,
 * category, activities, statuses, the attributes we write and those the class requires. {@code OcsfSchemaDriftTests}
 * compares all of this with the schema files so the two cannot drift apart.
 */
public enum OcsfClass {
    BASE_EVENT(0, 0, "base_event", "Base Event", captions(), Set.of(), Set.of()),
    FILE_SYSTEM_ACTIVITY(1001, 1, "file_activity", "File System Activity",
            captions("Create", "Read", "Update", "Delete", "Rename", "Set Attributes", "Set Security",
                    "Get Attributes", "Get Security", "Encrypt", "Decrypt", "Mount", "Unmount", "Open"),
            Set.of("file", "file_result"), Set.of("actor", "device", "file")),
    PROCESS_ACTIVITY(1007, 1, "process_activity", "Process Activity",
            captions("Launch", "Terminate", "Open", "Inject", "Set User ID"),
            Set.of("process", "exit_code"), Set.of("actor", "device", "process")),
    REGISTRY_KEY_ACTIVITY(201001, 1, "registry_key_activity", "Registry Key Activity",
            captions("Create", "Read", "Modify", "Delete", "Rename", "Set Security", "Restore", "Import", "Export"),
            Set.of("reg_key", "prev_reg_key"), Set.of("actor", "device", "reg_key")),
    REGISTRY_VALUE_ACTIVITY(201002, 1, "registry_value_activity", "Registry Value Activity",
            captions("Get", "Set", "Modify", "Delete"),
            Set.of("reg_value", "prev_reg_value"), Set.of("actor", "device", "reg_value")),
    SECURITY_FINDING(2001, 2, "security_finding", "Security Finding",
            captions("Create", "Update", "Close"),
            Set.of("finding", "state_id", "vulnerabilities"), Set.of("finding", "state_id")),
    VULNERABILITY_FINDING(2002, 2, "vulnerability_finding", "Vulnerability Finding",
            captions("Create", "Update", "Close"),
            Set.of("finding_info", "vulnerabilities"), Set.of("finding_info", "vulnerabilities")),
    DETECTION_FINDING(2004, 2, "detection_finding", "Detection Finding",
            captions("Create", "Update", "Close"),
            Set.of("finding_info", "evidences", "vulnerabilities", "is_alert", "confidence_id"), Set.of("finding_info")),
    ACCOUNT_CHANGE(3001, 3, "account_change", "Account Change",
            captions("Create", "Enable", "Password Change", "Password Reset", "Disable", "Delete", "Attach Policy",
                    "Detach Policy", "Lock", "MFA Factor Enable", "MFA Factor Disable", "Unlock"),
            Set.of("user", "user_result", "src_endpoint"), Set.of("user")),
    AUTHENTICATION(3002, 3, "authentication", "Authentication",
            captions("Logon", "Logoff", "Authentication Ticket", "Service Ticket Request", "Service Ticket Renew",
                    "Preauth", "Account Switch"),
            Set.of("user", "src_endpoint", "dst_endpoint", "logon_type_id", "logon_type", "auth_protocol_id",
                    "auth_protocol", "is_remote", "session", "logon_process"),
            Set.of("user")),
    NETWORK_ACTIVITY(4001, 4, "network_activity", "Network Activity",
            captions("Open", "Close", "Reset", "Fail", "Refuse", "Traffic", "Listen"),
            Set.of("src_endpoint", "dst_endpoint", "connection_info", "traffic", "url"), Set.of()),
    HTTP_ACTIVITY(4002, 4, "http_activity", "HTTP Activity",
            captions("Connect", "Delete", "Get", "Head", "Options", "Post", "Put", "Trace", "Patch", "ACL",
                    "Baseline Control", "Bind", "Check In", "Check Out", "Copy", "Label", "Link", "Lock", "Merge",
                    "Make Activity", "Make Calendar", "Make Collection", "Make Redirect Reference", "Make Workspace",
                    "Move", "Order Patch", "PRI", "Property Find", "Property Patch", "Query", "Rebind", "Report",
                    "Search", "Unbind", "Un-Check Out", "Unlink", "Unlock", "Update", "Update Redirect Reference",
                    "Version Control"),
            Set.of("src_endpoint", "dst_endpoint", "connection_info", "traffic", "http_request", "http_response",
                    "http_status"),
            Set.of()),
    DNS_ACTIVITY(4003, 4, "dns_activity", "DNS Activity",
            dnsActivities(),
            Set.of("src_endpoint", "dst_endpoint", "connection_info", "query", "answers", "rcode_id", "rcode"), Set.of());

    /** Attributes of the base event that every class carries and that we write. */
    public static final Set<String> BASE_ATTRIBUTES = Set.of(
            "activity_id", "activity_name", "category_uid", "category_name", "class_uid", "class_name", "type_uid",
            "type_name", "severity_id", "severity", "time", "timezone_offset", "start_time", "end_time", "count",
            "message", "status_id", "status", "status_code", "status_detail", "action_id", "action", "metadata",
            "device", "actor", "observables", "unmapped", "raw_data");

    /** Attributes every class requires. */
    public static final Set<String> BASE_REQUIRED = Set.of(
            "activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid");

    private static final Map<Integer, String> CATEGORIES = Map.of(
            0, "Uncategorized", 1, "System Activity", 2, "Findings", 3, "Identity & Access Management",
            4, "Network Activity");

    private static final Map<Integer, String> EVENT_STATUSES = Map.of(0, "Unknown", 1, "Success", 2, "Failure", 99, "Other");
    private static final Map<Integer, String> FINDING_STATUSES = Map.of(
            0, "Unknown", 1, "New", 2, "In Progress", 3, "Suppressed", 4, "Resolved", 5, "Archived", 6, "Deleted",
            99, "Other");

    private final int uid;
    private final int categoryUid;
    private final String schemaName;
    private final String caption;
    private final Map<Integer, String> activities;
    private final Set<String> ownAttributes;
    private final Set<String> ownRequired;

    OcsfClass(int uid, int categoryUid, String schemaName, String caption, Map<Integer, String> activities,
              Set<String> ownAttributes, Set<String> ownRequired) {
        this.uid = uid;
        this.categoryUid = categoryUid;
        this.schemaName = schemaName;
        this.caption = caption;
        this.activities = activities;
        this.ownAttributes = ownAttributes;
        this.ownRequired = ownRequired;
    }

    public int uid() {
        return uid;
    }

    public int categoryUid() {
        return categoryUid;
    }

    public String categoryCaption() {
        return CATEGORIES.get(categoryUid);
    }

    /** The class's name in the schema, e.g. {@code process_activity}. */
    public String schemaName() {
        return schemaName;
    }

    public String caption() {
        return caption;
    }

    /** Allowed {@code activity_id} values with their captions, including 0 Unknown and 99 Other. */
    public Map<Integer, String> activities() {
        return activities;
    }

    /** Allowed {@code status_id} values: findings track a workflow, other classes an outcome. */
    public Map<Integer, String> statuses() {
        return categoryUid == 2 && this != SECURITY_FINDING ? FINDING_STATUSES : EVENT_STATUSES;
    }

    /** Every top-level attribute name we may write for this class. */
    public Set<String> attributes() {
        Set<String> all = new LinkedHashSet<>(BASE_ATTRIBUTES);
        all.addAll(ownAttributes);
        return Set.copyOf(all);
    }

    /** The attributes this class requires, base ones included. */
    public Set<String> requiredAttributes() {
        Set<String> all = new LinkedHashSet<>(BASE_REQUIRED);
        all.addAll(ownRequired);
        return Set.copyOf(all);
    }

    public long typeUid(int activityId) {
        return uid * 100L + activityId;
    }

    public static Optional<OcsfClass> ofUid(long uid) {
        for (OcsfClass c : values()) {
            if (c.uid == uid) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static Map<Integer, String> captions(String... names) {
        Map<Integer, String> map = new LinkedHashMap<>();
        map.put(0, "Unknown");
        for (int i = 0; i < names.length; i++) {
            map.put(i + 1, names[i]);
        }
        map.put(99, "Other");
        return java.util.Collections.unmodifiableMap(map);
    }

    private static Map<Integer, String> dnsActivities() {
        Map<Integer, String> map = new LinkedHashMap<>();
        map.put(0, "Unknown");
        map.put(1, "Query");
        map.put(2, "Response");
        map.put(6, "Traffic");
        map.put(99, "Other");
        return java.util.Collections.unmodifiableMap(map);
    }
}
