package org.finres.attack;

import java.util.List;

import org.finres.stix.attack.TechniqueId;

/**
 * A technique as an analyst sees it. {@code displayName} carries the parent's name for a sub-technique
 * ("Command and Scripting Interpreter: PowerShell"); {@code tactics} are the tactics' display names.
 */
public record NamedTechnique(TechniqueId id, String name, String displayName, String domain, List<String> tactics,
                             String url, boolean deprecated, boolean revoked) {

    public NamedTechnique {
        tactics = List.copyOf(tactics);
    }

    public boolean current() {
        return !deprecated && !revoked;
    }
}
