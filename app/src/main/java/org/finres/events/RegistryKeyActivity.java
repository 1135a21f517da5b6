package org.finres.events;

import java.util.Objects;

/** Registry Key Activity (201001, Windows extension): a key created, deleted or renamed. */
public record RegistryKeyActivity(BaseAttributes base, RegistryKey regKey, RegistryKey prevRegKey) implements OcsfEvent {

    public static final int CREATE = 1;
    public static final int READ = 2;
    public static final int MODIFY = 3;
    public static final int DELETE = 4;
    public static final int RENAME = 5;

    public RegistryKeyActivity {
        Objects.requireNonNull(base, "base");
    }

    @Override
    public RegistryKeyActivity withBase(BaseAttributes newBase) {
        return new RegistryKeyActivity(newBase, regKey, prevRegKey);
    }
}
