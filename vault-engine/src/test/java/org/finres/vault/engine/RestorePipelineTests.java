package org.finres.vault.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore decodes the chunks of one file on several threads and writes them strictly in order; these tests hold the
 * pipeline to byte-identical output with one thread and with more threads than chunks in flight, and to a clean stop.
 */
class RestorePipelineTests {

    private static final SnapshotInfo INFO = new SnapshotInfo("bank-a", LocalDate.of(2026, 12, 2));

    @TempDir
    Path tmp;
    private Path root;
    private Path source;

    @BeforeEach
    void oneLargeFileOfManyChunks() throws IOException {
        source = Files.createDirectories(tmp.resolve("src"));
        Random r = new Random(3);
        StringBuilder dump = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            dump.append(i).append(",TW").append(r.nextInt(1_000_000)).append(',').append(r.nextInt(9_999_999))
                    .append(".00,TWD\n");
        }
        byte[] text = dump.toString().getBytes(StandardCharsets.UTF_8);
        byte[] noise = new byte[300_000];
        r.nextBytes(noise);
        Files.write(source.resolve("core-dump.csv"), text);
        Files.write(source.resolve("ledger.bin"), noise);
        Files.write(source.resolve("empty.dat"), new byte[0]);
        root = tmp.resolve("repo");
        try (VaultRepository repo = VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL)) {
            BackupResult b = repo.backup(source, INFO, ProgressListener.NONE);
            assertThat(b.chunksNew()).isGreaterThan(200);
        }
    }

    @Test
    void oneThreadAndManyThreadsRestoreByteIdentically() throws IOException {
        for (int threads : new int[] {1, 2, 7}) {
            Path out = tmp.resolve("out-" + threads);
            AtomicInteger filesReported = new AtomicInteger();
            try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1), threads)) {
                repo.restore(repo.snapshots().getFirst(), out, p -> {
                    if (p instanceof Progress.Restore r) {
                        filesReported.accumulateAndGet(r.filesDone(), Math::max);
                        assertThat(r.bytesWritten()).isLessThanOrEqualTo(r.bytesTotal());
                    }
                });
            }
            assertThat(TestVaults.tree(out)).as("%d threads", threads).isEqualTo(TestVaults.tree(source));
            assertThat(filesReported).hasValue(3);
        }
    }

    @Test
    void aListenerThatThrowsStopsTheRestoreAndLeavesNoFile() throws IOException {
        Path out = tmp.resolve("out");
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1), 2)) {
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> repo.restore(repo.snapshots().getFirst(), out, p -> {
                if (calls.incrementAndGet() == 50) {
                    throw new IllegalStateException("cancelled by the operator");
                }
            })).isInstanceOf(RestoreFailedException.class).hasMessageContaining("cancelled by the operator");
        }
        try (var files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }
}
