package org.finres.coredata;

/**
 * Told how an import, a generation or a validation advances, at most every few thousand records, so a command line
 * can draw a progress bar. Called on the working thread: keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void progressed(Progress progress);

    /**
     * @param phase      what is being done
     * @param file       the file being read or written (a source file, or a dataset file)
     * @param bytesDone  bytes of that file read so far (0 when writing)
     * @param bytesTotal the file's size, or -1 when unknown
     * @param records    records handled so far in this phase, over all files
     */
    record Progress(Phase phase, String file, long bytesDone, long bytesTotal, long records) {
    }

    enum Phase {
        /** Reading source files and writing the dataset's record files. */
        IMPORTING,
        /** Re-reading the dataset and checking that the numbers add up. */
        VALIDATING,
        /** The dataset was moved into place (records = all records). */
        PUBLISHED
    }
}
