package org.finres.sigma.event;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A flat JSON event (NXLog's rendering of Windows events as in the OTRF data sets, or any JSON object). Dotted field
 * names reach nested objects when no key has the dotted name itself. For NXLog, the Windows System names Sigma uses
 * are answered from NXLog's own keys when the event does not carry them.
 */
public final class FlatEventView implements EventView {

    /** Sigma's Windows System names and the keys NXLog (im_msvistalog) writes them under. */
    private static final Map<String, String> NXLOG_SYSTEM = Map.of(
            "Provider_Name", "SourceName",
            "Computer", "Hostname",
            "Execution_ProcessID", "ExecutionProcessID",
            "Execution_ThreadID", "ThreadID",
            "EventRecordID", "RecordNumber",
            "Security_UserID", "UserID");

    private static final String[] TIME_KEYS = {"@timestamp", "timestamp", "TimeCreated", "EventTime", "UtcTime",
            "eventTime", "time", "date"};

    private final JsonNode root;

    public FlatEventView(JsonNode root) {
        this.root = root;
    }

    @Override
    public Object field(String name) {
        JsonNode n = root.get(name);
        if (n == null && name.indexOf('.') > 0) n = path(root, name);
        if (n == null) {
            String alias = NXLOG_SYSTEM.get(name);
            if (alias != null) n = root.get(alias);
        }
        return EventView.valueOf(n);
    }

    /** Follows a dotted path; a key may itself contain dots, so every split point is tried, the whole name first. */
    static JsonNode path(JsonNode node, String dotted) {
        if (node == null || !node.isObject()) return null;
        JsonNode direct = node.get(dotted);
        if (direct != null) return direct;
        int dot = dotted.indexOf('.');
        while (dot > 0) {
            JsonNode child = node.get(dotted.substring(0, dot));
            if (child != null) {
                JsonNode found = path(child, dotted.substring(dot + 1));
                if (found != null) return found;
            }
            dot = dotted.indexOf('.', dot + 1);
        }
        return null;
    }

    @Override
    public Instant timestamp() {
        for (String k : TIME_KEYS) {
            JsonNode n = root.get(k);
            if (n != null) {
                Instant t = EventView.parseTime(EventView.valueOf(n));
                if (t != null) return t;
            }
        }
        return null;
    }

    @Override
    public boolean anyValue(Predicate<Object> test) {
        return EventView.anyLeaf(root, test);
    }

    @Override
    public String toString() { return root.toString(); }
}
