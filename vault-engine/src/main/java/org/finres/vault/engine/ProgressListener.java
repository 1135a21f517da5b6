package org.finres.vault.engine;

/**
 * Receives progress of a long operation. Calls come one at a time (never concurrently), possibly from a worker
 * thread; a listener must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void report(Progress progress);
}
