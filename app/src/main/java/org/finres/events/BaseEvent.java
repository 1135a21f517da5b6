package org.finres.events;

import java.util.Objects;

/** Base Event (class 0): what fits no modelled class; the source's fields stay under {@code unmapped}. */
public record BaseEvent(BaseAttributes base) implements OcsfEvent {

    public static final int UNKNOWN = 0;
    public static final int OTHER = 99;

    public BaseEvent {
        Objects.requireNonNull(base, "base");
    }

    @Override
    public BaseEvent withBase(BaseAttributes newBase) {
        return new BaseEvent(newBase);
    }
}
