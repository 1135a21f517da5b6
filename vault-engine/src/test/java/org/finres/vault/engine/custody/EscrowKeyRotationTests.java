package org.finres.vault.engine.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.finres.vault.engine.AesGcmKeyWrapping;
import org.finres.vault.engine.KeyInfo;
import org.finres.vault.engine.ProgressListener;
import org.finres.vault.engine.SnapshotInfo;
import org.finres.vault.engine.TestVaults;
import org.finres.vault.engine.VaultRepository;
import org.finres.vault.engine.custody.CustodyRefusedException.Reason;
import org.finres.vault.engine.format.KeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Escrow key files added to and retired from a repository, with its data left as it is. */
class EscrowKeyRotationTests {

    private static final int INSTITUTION = 0;
    private static final int HUB = 1;
    private static final int FSC = 2;
    private static final int CENTRAL_BANK = 3;
    private static final int RESTORER = 4;
    private static final int NEW_REGULATOR = 5;

    @TempDir
    Path tmp;

    @Test
    void anEscrowAddedToAnInstitutionsRepositoryLetsThreeCustodiansRestore() throws IOException {
        Path root = tmp.resolve("repo");
        Path source = TestVaults.source(tmp.resolve("src"), 3, 80_000);
        byte[] kek = new byte[32];
        KeyInfo escrow;
        try (VaultRepository repo = VaultRepository.init(root, new AesGcmKeyWrapping(kek), TestVaults.SMALL)) {
            repo.backup(source, new SnapshotInfo("bank-a", LocalDate.of(2026, 12, 1)), ProgressListener.NONE);
            escrow = repo.addKey(EscrowKeyWrapping.forCustodians(3, CustodyTestKeys.fiveCustodians()));
        }
        assertThat(escrow.algorithm()).isEqualTo(EscrowKeyWrapping.ALGORITHM);
        EscrowKeyFile file = escrowFile(root, escrow.id());
        try (VaultRepository repo = EscrowRestore.open(root, CustodyTestKeys.pair(RESTORER),
                release(file, INSTITUTION, HUB, CENTRAL_BANK))) {
            repo.restore(repo.snapshots().getFirst(), tmp.resolve("out"), ProgressListener.NONE);
        }
        assertThat(TestVaults.tree(tmp.resolve("out"))).isEqualTo(TestVaults.tree(source));
        // exactly one escrow key file is tried, so open itself passes on the precise refusal
        assertThatThrownBy(() -> VaultRepository.open(root, EscrowKeyWrapping.forRestore(
                CustodyTestKeys.pair(RESTORER), release(file, INSTITUTION, FSC))))
                .isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_APPROVALS))
                .hasMessageStartingWith("2 of the 3 required custodian approvals: missing HUB_OPERATOR 'FinRes hub'");
    }

    @Test
    void aRetiredEscrowsSharesNoLongerOpenAndTheNewCustodiansDo() throws IOException {
        Path root = tmp.resolve("repo");
        Path source = TestVaults.source(tmp.resolve("src"), 4, 60_000);
        String oldId;
        KeyInfo replacement;
        List<Custodian> rotated = new ArrayList<>(CustodyTestKeys.fiveCustodians());
        // the Central Bank's seat passes to a new regulator key
        rotated.set(CENTRAL_BANK, new Custodian(CustodianRole.REGULATOR, "Deposit Insurer",
                CustodyTestKeys.pair(NEW_REGULATOR).publicKey()));
        try (VaultRepository repo = VaultRepository.init(root, EscrowKeyWrapping.forCustodians(3,
                CustodyTestKeys.fiveCustodians()), TestVaults.SMALL)) {
            repo.backup(source, new SnapshotInfo("bank-a", LocalDate.of(2026, 12, 1)), ProgressListener.NONE);
            oldId = repo.keys().getFirst().id();
            replacement = repo.addKey(EscrowKeyWrapping.forCustodians(3, rotated));
        }
        EscrowKeyFile old = escrowFile(root, oldId);
        List<ReleasedShare> fromOld = release(old, INSTITUTION, HUB, CENTRAL_BANK);
        // before the old file is removed, both escrows open
        EscrowRestore.open(root, CustodyTestKeys.pair(RESTORER), fromOld).close();
        try (VaultRepository repo = EscrowRestore.open(root, CustodyTestKeys.pair(RESTORER),
                release(escrowFile(root, replacement.id()), INSTITUTION, HUB, NEW_REGULATOR))) {
            repo.removeKey(oldId);
            assertThat(repo.keys()).extracting(KeyInfo::id).containsExactly(replacement.id());
        }
        assertThatThrownBy(() -> EscrowRestore.open(root, CustodyTestKeys.pair(RESTORER), fromOld))
                .isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OTHER_KEY_FILE));
        // the retired custodian's share of the new file does not exist: its key is not in it
        EscrowKeyFile current = escrowFile(root, replacement.id());
        assertThat(current.custodians()).extracting(c -> c.publicKey().fingerprintHex())
                .doesNotContain(CustodyTestKeys.pair(CENTRAL_BANK).publicKey().fingerprintHex());
        try (VaultRepository repo = EscrowRestore.open(root, CustodyTestKeys.pair(RESTORER),
                release(current, FSC, NEW_REGULATOR, RESTORER))) {
            repo.restore(repo.snapshots().getFirst(), tmp.resolve("out"), ProgressListener.NONE);
        }
        assertThat(TestVaults.tree(tmp.resolve("out"))).isEqualTo(TestVaults.tree(source));
    }

    private static EscrowKeyFile escrowFile(Path root, String id) throws IOException {
        return EscrowKeyFile.decode(KeyFile.decode(Files.readAllBytes(root.resolve("keys").resolve(id))).wrapped());
    }

    private static List<ReleasedShare> release(EscrowKeyFile file, int... custodians) {
        List<ReleasedShare> out = new ArrayList<>();
        for (int c : custodians) {
            out.add(ReleasedShare.decode(ReleasedShare.release(file, CustodyTestKeys.pair(c),
                    CustodyTestKeys.pair(RESTORER).publicKey()).encode()));
        }
        return out;
    }
}
