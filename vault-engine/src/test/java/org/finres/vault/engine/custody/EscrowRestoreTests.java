package org.finres.vault.engine.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.finres.vault.engine.ProgressListener;
import org.finres.vault.engine.RepositoryParameters;
import org.finres.vault.engine.SnapshotInfo;
import org.finres.vault.engine.TestVaults;
import org.finres.vault.engine.VaultRepository;
import org.finres.vault.engine.WrongKeyException;
import org.finres.vault.engine.chunk.ChunkerParameters;
import org.finres.vault.engine.custody.CustodyRefusedException.Reason;
import org.finres.vault.engine.format.KeyFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custody cycle on a real repository: init under a 3-of-5 escrow, backup, custodians release their shares to the
 * restoring institution, which opens and restores; and every way a restore must be refused.
 */
class EscrowRestoreTests {

    private static final RepositoryParameters SMALL = new RepositoryParameters(new ChunkerParameters(1024, 4096,
            16384), 64 << 10, 3);
    private static final int INSTITUTION = 0;
    private static final int HUB = 1;
    private static final int FSC = 2;
    private static final int CENTRAL_BANK = 3;
    private static final int RESTORER = 4;
    private static final int OUTSIDER = 5;

    @TempDir
    Path tmp;
    private Path repo;
    private Path source;

    @BeforeEach
    void backedUpUnderEscrow() throws IOException {
        source = TestVaults.source(tmp.resolve("core"), 11, 150_000);
        repo = tmp.resolve("repo");
        try (VaultRepository r = VaultRepository.init(repo, EscrowKeyWrapping.forCustodians(3,
                CustodyTestKeys.fiveCustodians()), SMALL)) {
            r.backup(source, new SnapshotInfo("bank-a", LocalDate.of(2026, 12, 1)), ProgressListener.NONE);
        }
    }

    @Test
    void threeOfFiveCustodiansReleaseAndTheRestorerRestoresByteIdentically() throws IOException {
        List<ReleasedShare> released = release(repo, INSTITUTION, FSC, RESTORER);
        try (VaultRepository r = EscrowRestore.open(repo, pair(RESTORER), released)) {
            r.restore(r.snapshots().getLast(), tmp.resolve("restored"), ProgressListener.NONE);
        }
        assertThat(TestVaults.tree(tmp.resolve("restored"))).isEqualTo(TestVaults.tree(source)).isNotEmpty();
        // the engine's own open works with the same wrapping, and any three custodians will do
        try (VaultRepository r = VaultRepository.open(repo, EscrowKeyWrapping.forRestore(pair(RESTORER),
                release(repo, HUB, CENTRAL_BANK, FSC)))) {
            assertThat(r.snapshots()).hasSize(1);
        }
    }

    @Test
    void twoApprovalsAreRefusedNamingTheMissingCustodians() throws IOException {
        List<ReleasedShare> two = release(repo, INSTITUTION, FSC);
        assertThatThrownBy(() -> EscrowRestore.open(repo, pair(RESTORER), two))
                .isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_APPROVALS))
                .hasMessageStartingWith("2 of the 3 required custodian approvals: missing HUB_OPERATOR 'FinRes hub',"
                        + " REGULATOR 'Central Bank', RESTORING_INSTITUTION 'Bank B'");
        assertThatThrownBy(() -> VaultRepository.open(repo, EscrowKeyWrapping.forRestore(pair(RESTORER), two)))
                .isInstanceOf(WrongKeyException.class);
    }

    @Test
    void theOperatorWithTheRepositoryAndItsKeyFileAloneOpensNothing() throws IOException {
        // no shares at all, with the hub operator's own key as the "restorer"
        assertThatThrownBy(() -> EscrowRestore.open(repo, pair(HUB), List.of()))
                .hasMessageStartingWith("0 of the 3 required custodian approvals");
        // its own share released to itself is one approval, not three
        assertThatThrownBy(() -> EscrowRestore.open(repo, pair(HUB), List.of(ReleasedShare.release(
                EscrowKeyFile.read(repo), pair(HUB), pair(HUB).publicKey()))))
                .hasMessageStartingWith("1 of the 3 required custodian approvals");
        // a fresh wrapping with the custodians' public keys (everything in the key file) opens nothing either
        assertThatThrownBy(() -> VaultRepository.open(repo, EscrowKeyWrapping.forCustodians(3,
                CustodyTestKeys.fiveCustodians()))).isInstanceOf(WrongKeyException.class);
        // nor does any other key file wrapping
        assertThatThrownBy(() -> VaultRepository.open(repo, new org.finres.vault.engine.AesGcmKeyWrapping(
                new byte[32]))).isInstanceOf(WrongKeyException.class);
    }

    @Test
    void aShareReleasedFromAnotherRepositoryIsRefused() throws IOException {
        Path other = tmp.resolve("other");
        VaultRepository.init(other, EscrowKeyWrapping.forCustodians(3, CustodyTestKeys.fiveCustodians()), SMALL)
                .close();
        List<ReleasedShare> mixed = new ArrayList<>(release(repo, INSTITUTION, FSC));
        mixed.add(release(other, CENTRAL_BANK).getFirst());
        assertThatThrownBy(() -> EscrowRestore.open(repo, pair(RESTORER), mixed))
                .isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OTHER_REPOSITORY))
                .hasMessage("the released share of REGULATOR 'Central Bank' is for repository "
                        + EscrowKeyFile.read(other).repositoryHex() + ", not " + EscrowKeyFile.read(repo)
                        .repositoryHex());
    }

    @Test
    void aShareReleasedToSomeoneElseIsRefused() throws IOException {
        List<ReleasedShare> shares = new ArrayList<>(release(repo, INSTITUTION, FSC));
        shares.add(ReleasedShare.release(EscrowKeyFile.read(repo), pair(HUB), pair(OUTSIDER).publicKey()));
        assertThatThrownBy(() -> EscrowRestore.open(repo, pair(RESTORER), shares))
                .isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OTHER_RECIPIENT))
                .hasMessage("the share of HUB_OPERATOR 'FinRes hub' was released to key "
                        + pair(OUTSIDER).publicKey().fingerprintHex() + ", not to this key "
                        + pair(RESTORER).publicKey().fingerprintHex());
        // and the outsider holding all three still lacks two
        assertThatThrownBy(() -> EscrowRestore.open(repo, pair(OUTSIDER), List.of(shares.get(2))))
                .hasMessageStartingWith("1 of the 3");
    }

    @Test
    void aCustodianApprovingTwiceCountsOnceAndIsRefused() throws IOException {
        List<ReleasedShare> shares = new ArrayList<>(release(repo, INSTITUTION, FSC));
        shares.addAll(release(repo, FSC));
        assertThatThrownBy(() -> EscrowRestore.open(repo, pair(RESTORER), shares))
                .isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_CUSTODIAN))
                .hasMessageContaining("two released shares come from REGULATOR 'FSC'");
    }

    @Test
    void aKeyThatIsNoCustodianCannotRelease() throws IOException {
        assertThatThrownBy(() -> ReleasedShare.release(EscrowKeyFile.read(repo), pair(OUTSIDER),
                pair(RESTORER).publicKey())).isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_CUSTODIAN))
                .hasMessageContaining("is none of the custodians");
    }

    @Test
    void aFlippedBitInTheKeyFileAfterTheReleaseIsRefusedPrecisely() throws IOException {
        List<ReleasedShare> released = release(repo, INSTITUTION, FSC, RESTORER);
        Path keyFile = keyFile(repo);
        byte[] original = Files.readAllBytes(keyFile);
        int wrappedAt = 5 + 1 + EscrowKeyWrapping.ALGORITHM.length() + 4;
        int nameAt = wrappedAt + 5 + 1 + 16 + 16 + 1 + 1 + 1 + 2; // first letter of "Bank A"
        for (int at : new int[] {nameAt, original.length - 1, original.length - 1000}) {
            flip(keyFile, original, at);
            assertThatThrownBy(() -> EscrowRestore.open(repo, pair(RESTORER), released)).as("bit at %d", at)
                    .isInstanceOfSatisfying(CustodyRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.OTHER_KEY_FILE))
                    .hasMessageContaining("the key file was changed after the release");
        }
        flip(keyFile, original, wrappedAt + 6); // a byte of the repository id the key file is bound to
        assertThatThrownBy(() -> EscrowRestore.open(repo, pair(RESTORER), released))
                .isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OTHER_REPOSITORY))
                .hasMessageStartingWith("the escrow key file belongs to repository ");
        Files.write(keyFile, original);
        try (VaultRepository r = EscrowRestore.open(repo, pair(RESTORER), released)) {
            assertThat(r.snapshots()).hasSize(1);
        }
    }

    @Test
    void aFlippedBitInTheKeyFileBeforeTheReleaseStopsTheCustodian() throws IOException {
        Path keyFile = keyFile(repo);
        byte[] original = Files.readAllBytes(keyFile);
        flip(keyFile, original, original.length - 1); // the tag of the last custodian's sealed share
        assertThatThrownBy(() -> release(repo, RESTORER)).isInstanceOfSatisfying(CustodyRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED))
                .hasMessageContaining("the escrow share of RESTORING_INSTITUTION 'Bank B' does not open");
        int nameAt = 5 + 1 + EscrowKeyWrapping.ALGORITHM.length() + 4 + 5 + 1 + 16 + 16 + 1 + 1 + 1 + 2;
        flip(keyFile, original, nameAt); // the header: every custodian's share is bound to it
        assertThatThrownBy(() -> release(repo, FSC)).hasMessageContaining("the escrow share of REGULATOR 'FSC' "
                + "does not open");
    }

    @Test
    void aFlippedBitAnywhereInAReleasedShareIsRefusedAndNeverOpens() throws IOException {
        List<ReleasedShare> released = release(repo, INSTITUTION, FSC, RESTORER);
        byte[] blob = released.get(1).encode();
        Random random = new Random(3);
        List<Integer> positions = new ArrayList<>(List.of(6, 5 + 1 + 16 + 3, blob.length - 1, blob.length - 40,
                blob.length - 600));
        for (int i = 0; i < 20; i++) {
            positions.add(5 + random.nextInt(blob.length - 5));
        }
        for (int at : positions) {
            byte[] bad = blob.clone();
            bad[at] ^= 0x04;
            List<ReleasedShare> shares = new ArrayList<>(released);
            assertThatThrownBy(() -> {
                shares.set(1, ReleasedShare.decode(bad));
                EscrowRestore.open(repo, pair(RESTORER), shares).close();
            }).as("bit at %d", at).isInstanceOf(CustodyRefusedException.class);
        }
        byte[] sealedPart = blob.clone();
        sealedPart[blob.length - 1] ^= 1;
        List<ReleasedShare> shares = new ArrayList<>(released);
        shares.set(1, ReleasedShare.decode(sealedPart));
        assertThatThrownBy(() -> EscrowRestore.open(repo, pair(RESTORER), shares))
                .isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TAMPERED))
                .hasMessageContaining("the released share of REGULATOR 'FSC' does not open with key "
                        + pair(RESTORER).publicKey().fingerprintHex());
        byte[] context = blob.clone();
        context[6] ^= 1;
        shares.set(1, ReleasedShare.decode(context));
        assertThatThrownBy(() -> EscrowRestore.open(repo, pair(RESTORER), shares))
                .isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OTHER_REPOSITORY));
    }

    @Test
    void aReleasedShareDescribesItselfAndSurvivesItsEncoding() throws IOException {
        ReleasedShare r = release(repo, FSC).getFirst();
        ReleasedShare back = ReleasedShare.decode(r.encode());
        assertThat(back.label()).isEqualTo("REGULATOR 'FSC'");
        assertThat(back.custodianIndex()).isEqualTo(3);
        assertThat(back.custodianFingerprintHex()).isEqualTo(pair(FSC).publicKey().fingerprintHex());
        assertThat(back.recipientFingerprintHex()).isEqualTo(pair(RESTORER).publicKey().fingerprintHex());
        assertThat(back.repositoryHex()).isEqualTo(EscrowKeyFile.read(repo).repositoryHex());
        assertThat(back.encode()).isEqualTo(r.encode());
        EscrowKeyFile file = EscrowKeyFile.read(repo);
        assertThat(file.threshold()).isEqualTo(3);
        assertThat(file.custodians()).extracting(Custodian::label).containsExactly("INSTITUTION 'Bank A'",
                "HUB_OPERATOR 'FinRes hub'", "REGULATOR 'FSC'", "REGULATOR 'Central Bank'",
                "RESTORING_INSTITUTION 'Bank B'");
        assertThat(EscrowKeyFile.decode(file.encode()).encode()).isEqualTo(file.encode());
    }

    @Test
    void anEscrowNeedsAtLeastTwoDistinctCustodians() {
        List<Custodian> five = CustodyTestKeys.fiveCustodians();
        assertThatThrownBy(() -> EscrowKeyWrapping.forCustodians(1, five)).hasMessageContaining("2 <= M <= N");
        assertThatThrownBy(() -> EscrowKeyWrapping.forCustodians(6, five)).hasMessageContaining("not 6 of 5");
        assertThatThrownBy(() -> EscrowKeyWrapping.forCustodians(2, List.of(five.get(0), new Custodian(
                CustodianRole.REGULATOR, "FSC", five.get(0).publicKey())))).hasMessageContaining("same key");
    }

    private static CustodianKeyPair pair(int i) {
        return CustodyTestKeys.pair(i);
    }

    private static List<ReleasedShare> release(Path repository, int... custodians) throws IOException {
        EscrowKeyFile file = EscrowKeyFile.read(repository);
        List<ReleasedShare> out = new ArrayList<>();
        for (int c : custodians) {
            // through the bytes, as the hub would carry them
            out.add(ReleasedShare.decode(ReleasedShare.release(file, pair(c), pair(RESTORER).publicKey()).encode()));
        }
        return out;
    }

    private static Path keyFile(Path repository) throws IOException {
        try (Stream<Path> s = Files.list(repository.resolve("keys"))) {
            List<Path> files = s.toList();
            assertThat(files).hasSize(1);
            assertThat(KeyFile.decode(Files.readAllBytes(files.getFirst())).algorithm())
                    .isEqualTo(EscrowKeyWrapping.ALGORITHM);
            return files.getFirst();
        }
    }

    private static void flip(Path file, byte[] original, int at) throws IOException {
        byte[] b = original.clone();
        b[at] ^= 0x10;
        Files.write(file, b);
    }
}
