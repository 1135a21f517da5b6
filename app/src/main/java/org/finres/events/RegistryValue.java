package org.finres.events;

/**
 * OCSF (Windows extension) {@code reg_value}: a value under a key. {@code path} is the key's path, {@code name} the
 * value's; {@code type_id} 2 is REG_DWORD, 10 REG_SZ.
 */
public record RegistryValue(String path, String name, String data, Integer typeId, String type) {
}
