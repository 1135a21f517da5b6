package org.finres.sigma.event;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Windows event rendered from its XML as {@code {"Event": {"System": ..., "EventData": ... | "UserData": ...}}}.
 * Field names follow Sigma's Windows convention: EventData (or the single UserData element) names as they are, System
 * elements by name ({@code EventID}, {@code Channel}, {@code Computer}) and System attributes as
 * {@code Element_Attribute} ({@code Provider_Name}, {@code Execution_ProcessID}). Dotted paths reach anything else.
 */
public final class WindowsEventView implements EventView {

    private final JsonNode root;
    private final JsonNode system;
    private final JsonNode data;
    private final JsonNode userData;
    private final Map<String, JsonNode> dataList;

    public WindowsEventView(JsonNode root) {
        this.root = root;
        JsonNode event = root.get("Event");
        this.system = event.get("System");
        JsonNode ed = event.get("EventData");
        // Some renderers keep <Data Name="x">v</Data> as a list of {"#attributes": {"Name": x}, "#text": v}.
        JsonNode list = ed == null ? null : ed.get("Data");
        if (list != null && list.isArray()) {
            Map<String, JsonNode> m = new LinkedHashMap<>();
            for (JsonNode d : list.values()) {
                JsonNode name = d.path("#attributes").get("Name");
                if (name != null && name.isString()) m.put(name.stringValue(), d.get("#text"));
            }
            this.dataList = m;
            this.data = null;
        } else {
            this.dataList = null;
            this.data = ed != null && ed.isObject() ? ed : null;
        }
        JsonNode ud = event.get("UserData");
        JsonNode inner = null;
        if (ud != null && ud.isObject()) {
            for (JsonNode child : ud.values()) {
                if (child.isObject()) {
                    inner = child;
                    break;
                }
            }
        }
        this.userData = inner;
    }

    @Override
    public Object field(String name) {
        JsonNode n = null;
        if (data != null) n = data.get(name);
        else if (dataList != null) n = dataList.get(name);
        if (n == null && userData != null) n = userData.get(name);
        if (n == null) n = systemField(name);
        if (n == null && name.indexOf('.') > 0) n = FlatEventView.path(root, name);
        if (n != null && n.isObject()) {
            // <EventID Qualifiers="0">4624</EventID> renders as {"#attributes": ..., "#text": 4624}.
            JsonNode text = n.get("#text");
            if (text != null) n = text;
        }
        return EventView.valueOf(n);
    }

    private JsonNode systemField(String name) {
        if (system == null) return null;
        JsonNode n = system.get(name);
        if (n != null) return n;
        int us = name.indexOf('_');
        if (us <= 0) return null;
        JsonNode element = system.get(name.substring(0, us));
        return element == null ? null : element.path("#attributes").get(name.substring(us + 1));
    }

    @Override
    public Instant timestamp() {
        if (system == null) return null;
        return EventView.parseTime(EventView.valueOf(system.path("TimeCreated").path("#attributes").get("SystemTime")));
    }

    @Override
    public boolean anyValue(Predicate<Object> test) {
        return EventView.anyLeaf(root, test);
    }

    @Override
    public String toString() { return root.toString(); }
}
