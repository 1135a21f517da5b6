package org.finres.events;

import java.util.Objects;

/** Registry Value Activity (201002, Windows extension): a value read, set or deleted. */
public record RegistryValueActivity(BaseAttributes base, RegistryValue regValue, RegistryValue prevRegValue)
        implements OcsfEvent {

    public static final int GET = 1;
    public static final int SET = 2;
    public static final int MODIFY = 3;
    public static final int DELETE = 4;

    public RegistryValueActivity {
        Objects.requireNonNull(base, "base");
    }

    @Override
    public RegistryValueActivity withBase(BaseAttributes newBase) {
        return new RegistryValueActivity(newBase, regValue, prevRegValue);
    }
}
