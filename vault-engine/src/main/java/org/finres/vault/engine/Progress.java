package org.finres.vault.engine;

/** A progress report of a long operation; listeners switch over the kinds they show. */
public sealed interface Progress {

    record Backup(long bytesRead, int filesDone, int filesTotal, long chunksNew, long chunksReused, long bytesStored,
            int packsWritten) implements Progress {
    }

    record Restore(long bytesWritten, long bytesTotal, int filesDone, int filesTotal) implements Progress {
    }

    record Verify(int packsChecked, int packsTotal, long bytesRead, int problems) implements Progress {
    }

    record Prune(String stage, int done, int total) implements Progress {
    }
}
