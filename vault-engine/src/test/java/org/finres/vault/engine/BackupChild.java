package org.finres.vault.engine;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The child process of {@link KilledBackupTests}: runs one backup slowly (a pause per chunk) and prints the number
 * of finished packs whenever it grows, so the parent can kill it in the middle.
 */
public final class BackupChild {

    private BackupChild() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        Path source = Path.of(args[1]);
        int[] lastPacks = {-1};
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1), 2)) {
            repo.backup(source, new SnapshotInfo("bank-a", LocalDate.parse(args[2])), progress -> {
                if (progress instanceof Progress.Backup b) {
                    if (b.packsWritten() != lastPacks[0]) {
                        lastPacks[0] = b.packsWritten();
                        System.out.println("packs=" + b.packsWritten());
                        System.out.flush();
                    }
                    try {
                        Thread.sleep(4);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
        System.out.println("done");
    }
}
