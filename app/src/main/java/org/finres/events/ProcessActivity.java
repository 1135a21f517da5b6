package org.finres.events;

import java.util.Objects;

/** Process Activity (1007): a process launched, terminated, opened or injected into by {@code actor}. */
public record ProcessActivity(BaseAttributes base, ProcessInfo process, Integer exitCode) implements OcsfEvent {

    public static final int LAUNCH = 1;
    public static final int TERMINATE = 2;
    public static final int OPEN = 3;
    public static final int INJECT = 4;

    public ProcessActivity {
        Objects.requireNonNull(base, "base");
    }

    @Override
    public ProcessActivity withBase(BaseAttributes newBase) {
        return new ProcessActivity(newBase, process, exitCode);
    }
}
