package org.finres.events.internal.decode;

import org.finres.events.Observable;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Surfaces an event's indicators as OCSF {@code observables}: host names, IP addresses, user names, URLs, file names,
 * hashes and process names, wherever they sit in the event. Working on the JSON form means one walk serves every
 * class, and the {@code name} of each observable is simply the attribute path it was found at.
 */
final class ObservableExtraction {

    private static final int LIMIT = 64;
    private static final Set<String> SKIPPED = Set.of("unmapped", "metadata", "observables", "raw_data", "message");

    private ObservableExtraction() {
    }

    static List<Observable> of(JsonNode event) {
        List<Observable> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        walk("", null, event, found, seen);
        return found;
    }

    private static void walk(String path, String parent, JsonNode node, List<Observable> found, Set<String> seen) {
        if (found.size() >= LIMIT || node == null) {
            return;
        }
        if (node.isArray()) {
            int i = 0;
            for (JsonNode element : node) {
                walk(path + "[" + i++ + "]", parent, element, found, seen);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (var property : node.properties()) {
            String name = property.getKey();
            if (path.isEmpty() && SKIPPED.contains(name)) {
                continue;
            }
            JsonNode value = property.getValue();
            String at = path.isEmpty() ? name : path + "." + name;
            if (value.isContainer()) {
                walk(at, name, value, found, seen);
                continue;
            }
            if (!value.isString() || value.asString().isBlank()) {
                continue;
            }
            int type = typeOf(parent, name);
            if (type > 0 && seen.add(type + "|" + value.asString())) {
                found.add(new Observable(at, type, caption(type), value.asString()));
            }
        }
    }

    private static int typeOf(String parent, String name) {
        return switch (name) {
            case "hostname" -> 1;
            case "ip" -> 2;
            case "url_string" -> 6;
            case "value" -> "hashes".equals(parent) ? 8 : 0;
            case "name" -> switch (parent == null ? "" : parent) {
                case "user", "user_result" -> 4;
                case "file", "file_result" -> 7;
                case "process", "parent_process" -> 9;
                default -> 0;
            };
            default -> 0;
        };
    }

    private static String caption(int type) {
        return switch (type) {
            case 1 -> "Hostname";
            case 2 -> "IP Address";
            case 4 -> "User Name";
            case 6 -> "URL String";
            case 7 -> "File Name";
            case 8 -> "Hash";
            case 9 -> "Process Name";
            default -> "Other";
        };
    }
}
