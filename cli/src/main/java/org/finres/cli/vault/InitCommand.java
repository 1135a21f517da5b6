package org.finres.cli.vault;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.HubConnection;
import org.finres.cli.remote.Output;
import org.finres.vault.engine.Immutability;
import org.finres.vault.engine.OpenOptions;
import org.finres.vault.engine.RepositoryParameters;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultRepository;
import org.finres.vault.engine.chunk.ChunkerParameters;
import org.finres.vault.engine.custody.Custodian;
import org.finres.vault.engine.custody.CustodianRole;
import org.finres.vault.engine.custody.EscrowKeyWrapping;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.finres.vault.engine.signing.SigningPublicKey;
import org.finres.vault.engine.storage.LocalDirectoryStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init",
        description = {"Make a new, empty repository in an empty or absent folder.",
                "The data key is wrapped under the repository passphrase (Argon2id) and, with --custodian or "
                        + "--custody-from-hub, also split M-of-N (Shamir) among the named custodians, each share "
                        + "sealed to its custodian's X25519 + ML-KEM-768 key: a restore by the restoring institution "
                        + "then needs M released shares. Chunk sizes, pack size and zstd level are fixed here for "
                        + "the repository's life (changing the chunker would stop deduplication).",
                "Exit codes: 0 made, 1 usage, 2/3 hub refused/unreachable (--custody-from-hub), 7 folder not empty "
                        + "or not writable."})
final class InitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOption repository;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    HubConnection hub;

    @Option(names = "--custodian", paramLabel = "ROLE:NAME:FILE",
            description = "An escrow custodian: its role (INSTITUTION, HUB_OPERATOR, REGULATOR, "
                    + "RESTORING_INSTITUTION), display name and public key file. Repeat for each.")
    List<String> custodians = new ArrayList<>();

    @Option(names = "--threshold", paramLabel = "M",
            description = "Custodian approvals a restore needs (with --custodian; --custody-from-hub takes the hub's).")
    Integer threshold;

    @Option(names = "--custody-from-hub", paramLabel = "INSTITUTION",
            description = "Take threshold and custodian keys from the hub's custody registry of INSTITUTION "
                    + "(GET /api/v1/vault/custody/INSTITUTION); needs --hub/--token or FINRES_HUB_URL/FINRES_TOKEN.")
    String custodyFromHub;

    @Option(names = "--retention-lock", paramLabel = "PERIOD",
            description = "Lock every snapshot (its manifest and packs) for this ISO-8601 period from its backup, "
                    + "e.g. P7Y or P90D: nothing of it can be deleted or replaced before then, by anyone.")
    java.time.Period retentionLock;

    @Option(names = "--pin-signing-key", paramLabel = "FILE",
            description = "Pin this signing key (a .pub or private key file) in the config: every manifest-chain link "
                    + "is signed with it, and backups need its private key (--signing-key).")
    Path pinSigningKey;

    @Option(names = "--chunk-min", paramLabel = "BYTES", description = "Smallest chunk (default 512 KiB).")
    Integer chunkMin;

    @Option(names = "--chunk-avg", paramLabel = "BYTES", description = "Average chunk, a power of two (default 1 MiB).")
    Integer chunkAvg;

    @Option(names = "--chunk-max", paramLabel = "BYTES", description = "Largest chunk (default 8 MiB).")
    Integer chunkMax;

    @Option(names = "--pack-size", paramLabel = "BYTES", description = "Size a pack file is closed at (default 16 MiB).")
    Integer packSize;

    @Option(names = "--zstd-level", paramLabel = "1-19", description = "zstd compression level (default "
            + "the engine's).")
    Integer zstdLevel;

    @Override
    public Integer call() {
        Path root = repository.path();
        RepositoryParameters parameters = parameters();
        EscrowKeyWrapping escrow = escrow();
        if (escrow != null && !KeyRotation.available()) {
            throw new VaultFailed(ExitStatus.USAGE, "this build's vault engine cannot add the escrow key file beside "
                    + "the passphrase (VaultRepository.addKey); nothing was made", null);
        }
        PassphraseKeyWrapping wrapping = passphrase.wrapping(true);
        PrintWriter out = spec.commandLine().getOut();
        Immutability immutability;
        try {
            immutability = new Immutability(retentionLock, pinSigningKey == null ? null : signingPublicKey(pinSigningKey));
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, "--retention-lock: " + e.getMessage());
        }
        try (VaultRepository repo = VaultRepository.init(new LocalDirectoryStorage(root), wrapping, parameters,
                immutability, OpenOptions.defaults())) {
            if (escrow != null) {
                KeyRotation.add(repo, escrow);
            }
        } catch (VaultException e) {
            throw VaultFailed.of(e, "init");
        }
        out.println("made repository " + root + " (id " + Repositories.repositoryId(root) + ")");
        out.println("  chunks " + ProgressMeter.bytes(parameters.chunking().min()) + " / "
                + ProgressMeter.bytes(parameters.chunking().avg()) + " / " + ProgressMeter.bytes(parameters.chunking().max())
                + ", packs " + ProgressMeter.bytes(parameters.packSize()) + ", zstd level " + parameters.compressionLevel());
        if (retentionLock != null) {
            out.println("  retention lock " + retentionLock + " per snapshot");
        }
        if (immutability.signingKey() != null) {
            out.println("  manifest chain signed by " + immutability.signingKey().fingerprintHex());
        }
        out.println("  key: repository passphrase (" + PassphraseKeyWrapping.ALGORITHM + ")");
        if (escrow != null) {
            out.println("  key: escrow " + escrowThreshold + " of " + escrowCustodians.size() + " ("
                    + EscrowKeyWrapping.ALGORITHM + ")");
            for (Custodian c : escrowCustodians) {
                out.println("    " + Output.printable(c.label()) + "  " + c.publicKey().fingerprintHex());
            }
        }
        return ExitStatus.OK.code();
    }

    private int escrowThreshold;
    private List<Custodian> escrowCustodians = List.of();

    private EscrowKeyWrapping escrow() {
        if (custodyFromHub != null && !custodians.isEmpty()) {
            throw Secrets.usage(spec, "--custodian and --custody-from-hub both name the custodians; give one");
        }
        if (custodyFromHub != null) {
            if (threshold != null) {
                throw Secrets.usage(spec, "--threshold comes from the hub with --custody-from-hub; leave it out");
            }
            VaultHub.Custody custody = new VaultHub(hub.client()).custody(custodyFromHub);
            escrowThreshold = custody.threshold();
            escrowCustodians = custody.custodians();
        } else if (!custodians.isEmpty()) {
            if (threshold == null) {
                throw Secrets.usage(spec, "--custodian needs --threshold M (approvals a restore needs)");
            }
            List<Custodian> list = new ArrayList<>();
            for (String spec : custodians) {
                list.add(custodian(spec));
            }
            escrowThreshold = threshold;
            escrowCustodians = list;
        } else {
            if (threshold != null) {
                throw Secrets.usage(spec, "--threshold goes with --custodian or --custody-from-hub");
            }
            return null;
        }
        if (escrowThreshold < 2 || escrowThreshold > escrowCustodians.size()) {
            throw Secrets.usage(spec, "the threshold must be from 2 to the number of custodians ("
                    + escrowCustodians.size() + "), not " + escrowThreshold);
        }
        try {
            return EscrowKeyWrapping.forCustodians(escrowThreshold, escrowCustodians);
        } catch (IllegalArgumentException | VaultException e) {
            throw Secrets.usage(spec, "the custodians cannot make an escrow: " + e.getMessage());
        }
    }

    private static SigningPublicKey signingPublicKey(Path file) {
        byte[] raw = KeyFiles.read(file, "signing key file");
        try {
            if (raw.length > 4 && raw[0] == 'F' && raw[1] == 'R' && raw[2] == 'S' && raw[3] == 'K') {
                return SigningKeyPair.publicKeyOf(raw); // a private key file: its public half, no passphrase needed
            }
            return SigningPublicKey.decode(KeyFiles.readEncoded(file, new byte[] {'F', 'R', 'S', 'P', 1},
                    "signing public key file"));
        } catch (VaultException e) {
            throw VaultFailed.of(e, file + " is not a signing key");
        }
    }

    private Custodian custodian(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last <= first + 1 || last == text.length() - 1) {
            throw Secrets.usage(spec, "--custodian must be ROLE:NAME:FILE, e.g. REGULATOR:FSC:fsc.pub, not '" + text
                    + "'");
        }
        CustodianRole role;
        try {
            role = CustodianRole.valueOf(text.substring(0, first).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, "--custodian role must be INSTITUTION, HUB_OPERATOR, REGULATOR or "
                    + "RESTORING_INSTITUTION, not '" + text.substring(0, first) + "'");
        }
        String name = text.substring(first + 1, last).strip();
        try {
            return new Custodian(role, name, KeyFiles.custodianPublicKey(Path.of(text.substring(last + 1))));
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, "--custodian '" + text + "': " + e.getMessage());
        }
    }

    private RepositoryParameters parameters() {
        RepositoryParameters d = RepositoryParameters.DEFAULT;
        ChunkerParameters c = d.chunking();
        try {
            ChunkerParameters chunking = new ChunkerParameters(chunkMin != null ? chunkMin : c.min(),
                    chunkAvg != null ? chunkAvg : c.avg(), chunkMax != null ? chunkMax : c.max());
            return new RepositoryParameters(chunking, packSize != null ? packSize : d.packSize(),
                    zstdLevel != null ? zstdLevel : d.compressionLevel());
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, e.getMessage());
        }
    }
}
