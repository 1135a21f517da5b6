package org.finres.events;

import java.util.Objects;

/** File System Activity (1001): a file created, read, changed, renamed or deleted. */
public record FileSystemActivity(BaseAttributes base, FileInfo file, FileInfo fileResult) implements OcsfEvent {

    public static final int CREATE = 1;
    public static final int READ = 2;
    public static final int UPDATE = 3;
    public static final int DELETE = 4;
    public static final int RENAME = 5;
    public static final int SET_ATTRIBUTES = 6;

    public FileSystemActivity {
        Objects.requireNonNull(base, "base");
    }

    @Override
    public FileSystemActivity withBase(BaseAttributes newBase) {
        return new FileSystemActivity(newBase, file, fileResult);
    }
}
