package org.finres.vault.engine.storage;

import java.util.regex.Pattern;

/**
 * One object of a repository: its kind and its name within the kind's folder. Names are the engine's own (hex ids,
 * sequence numbers, "config"), so anything else is refused rather than passed to a file system or a bucket.
 */
public record ObjectName(ObjectKind kind, String name) {

    private static final Pattern NAME = Pattern.compile("[0-9a-z][0-9a-z-]{0,79}");

    public static final ObjectName CONFIG = new ObjectName(ObjectKind.CONFIG, "config");

    public ObjectName {
        if (kind == null || name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("object names are 1 to 80 lower-case letters, digits and '-': " + name);
        }
        if ((kind == ObjectKind.CONFIG) != name.equals("config")) {
            throw new IllegalArgumentException("the config object is named config, and only it: " + kind + " " + name);
        }
    }

    public static ObjectName of(ObjectKind kind, String name) {
        return new ObjectName(kind, name);
    }

    /** The path below the repository root, '/'-separated: {@code packs/<hex>}, {@code config}. */
    public String path() {
        return kind.folder().isEmpty() ? name : kind.folder() + "/" + name;
    }

    @Override
    public String toString() {
        return path();
    }
}
