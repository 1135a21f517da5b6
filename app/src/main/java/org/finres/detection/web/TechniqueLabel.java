package org.finres.detection.web;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.finres.attack.NamedTechnique;
import org.finres.stix.attack.TechniqueId;

/**
 * An ATT&CK technique as alerts show it: its id always, its name and link when the hub's catalogue knows it (an
 * alert raised before the catalogue was imported gets its names as soon as it is).
 */
record TechniqueLabel(String id, String name, String url) {

    static List<TechniqueLabel> of(Collection<TechniqueId> ids, Map<TechniqueId, NamedTechnique> names) {
        return ids.stream().map(id -> {
            NamedTechnique n = names.get(id);
            return new TechniqueLabel(id.value(), n == null ? null : n.displayName(), n == null ? null : n.url());
        }).toList();
    }
}
