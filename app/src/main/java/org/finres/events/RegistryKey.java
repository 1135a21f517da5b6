package org.finres.events;

/** OCSF (Windows extension) {@code reg_key}: a registry key by its full path. */
public record RegistryKey(String path, Boolean isSystem) {

    public static RegistryKey of(String path) {
        return new RegistryKey(path, null);
    }
}
