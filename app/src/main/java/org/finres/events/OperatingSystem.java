package org.finres.events;

/** OCSF {@code os}; {@code type_id} 100 is Windows, 200 Linux, 300 macOS. */
public record OperatingSystem(String name, int typeId, String version) {

    public static final OperatingSystem WINDOWS = new OperatingSystem("Windows", 100, null);
}
