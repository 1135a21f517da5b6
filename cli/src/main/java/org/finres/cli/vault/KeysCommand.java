package org.finres.cli.vault;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.HubConnection;
import org.finres.cli.remote.Output;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.custody.CustodianKeyPair;
import org.finres.vault.engine.custody.CustodianPublicKey;
import org.finres.vault.engine.custody.CustodianRole;
import org.finres.vault.engine.custody.EscrowKeyFile;
import org.finres.vault.engine.custody.ReleasedShare;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.finres.vault.engine.signing.SigningPublicKey;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "keys",
        description = {"Custodian and signing keys: generate key pairs, show fingerprints, register public keys at the "
                + "hub, request a restore, release an escrow share. A repository's key files: list, add (a new "
                + "passphrase, an escrow), remove."},
        subcommands = {KeysCommand.Generate.class, KeysCommand.Fingerprint.class, KeysCommand.Register.class,
                KeysCommand.RequestRestore.class, KeysCommand.Release.class, KeyFileCommands.ListKeys.class,
                KeyFileCommands.AddKey.class, KeyFileCommands.RemoveKey.class})
final class KeysCommand {

    @Command(name = "generate",
            description = {"Generate a key pair: FILE holds the private key encrypted under a passphrase (Argon2id, "
                    + "AES-256-GCM), FILE.pub the public key as one line of base64 (what the hub registers and "
                    + "'init --custodian' reads). Custodian keys are X25519 + ML-KEM-768; signing keys Ed25519, "
                    + "with --ml-dsa also ML-DSA-65.",
                    "Exit codes: 0 written, 1 usage, 7 a file exists or cannot be written."})
    static final class Generate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        static final class Kind {
            @Option(names = "--custodian", required = true, description = "A custodian key pair (escrow shares, restores).")
            boolean custodian;

            @Option(names = "--signing", required = true, description = "An attestation signing key pair.")
            boolean signing;
        }

        @ArgGroup(multiplicity = "1")
        Kind kind;

        @Option(names = "--ml-dsa", description = "With --signing: add an ML-DSA-65 key (both parts must verify).")
        boolean mlDsa;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Private key file to write "
                + "(never overwritten); the public key goes to FILE.pub.")
        Path out;

        @Option(names = "--key-passphrase-file", paramLabel = "FILE",
                description = "Read the new key's passphrase from the first line of FILE.")
        Path passphraseFile;

        @Option(names = "--key-passphrase-env", paramLabel = "VARIABLE",
                description = "Read the new key's passphrase from this environment variable. Default: "
                        + CustodianKeyOptions.VARIABLE + " (custodian) or " + SigningKeyOptions.VARIABLE
                        + " (signing) when set, else a prompt (asked twice).")
        String passphraseVariable;

        @Override
        public Integer call() {
            if (mlDsa && !kind.signing) {
                throw Secrets.usage(spec, "--ml-dsa goes with --signing");
            }
            Path pub = out.resolveSibling(out.getFileName() + ".pub");
            char[] passphrase = Secrets.passphrase(spec, passphraseFile, passphraseVariable,
                    kind.signing ? SigningKeyOptions.VARIABLE : CustodianKeyOptions.VARIABLE, "key-passphrase",
                    "new key passphrase", true);
            byte[] privateFile;
            byte[] publicKey;
            String fingerprint;
            if (kind.custodian) {
                CustodianKeyPair pair = CustodianKeyPair.generate();
                privateFile = pair.encrypt(passphrase, CustodianKeyPair.Argon2id.DEFAULT);
                publicKey = pair.publicKey().encode();
                fingerprint = pair.publicKey().fingerprintHex();
            } else {
                SigningKeyPair pair = SigningKeyPair.generate(mlDsa);
                privateFile = pair.encrypt(passphrase);
                publicKey = pair.publicKey().encode();
                fingerprint = pair.publicKey().fingerprintHex();
            }
            Arrays.fill(passphrase, '\0');
            KeyFiles.writeNew(out, privateFile, true);
            KeyFiles.writeNew(pub, KeyFiles.base64Line(publicKey), false);
            PrintWriter o = spec.commandLine().getOut();
            o.println("wrote " + (kind.custodian ? "custodian" : "signing") + " key " + out + " and public key " + pub);
            o.println("fingerprint " + fingerprint);
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "fingerprint",
            description = {"Show the SHA-256 fingerprint of public or private key files (custodian or signing; "
                    + "a private key file's public half is read without its passphrase).",
                    "Exit codes: 0 shown, 7 unreadable, 8 not a key file."})
    static final class Fingerprint implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Key files.")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            for (Path file : files) {
                byte[] bytes = KeyFiles.read(file, "key file");
                byte[] raw = bytes;
                String text = new String(bytes, StandardCharsets.US_ASCII).strip();
                if (!startsWith(bytes, "FR") && text.matches("[A-Za-z0-9+/=]+")) {
                    raw = Base64.getDecoder().decode(text);
                }
                o.println(describe(file, raw));
            }
            return ExitStatus.OK.code();
        }

        private static String describe(Path file, byte[] raw) {
            try {
                if (startsWith(raw, "FRCP")) {
                    return CustodianPublicKey.decode(raw).fingerprintHex() + "  custodian public key   " + file;
                }
                if (startsWith(raw, "FRCK")) {
                    return CustodianKeyPair.PrivateKeyFile.decode(raw).publicKey().fingerprintHex()
                            + "  custodian private key  " + file;
                }
                if (startsWith(raw, "FRSP")) {
                    SigningPublicKey key = SigningPublicKey.decode(raw);
                    return key.fingerprintHex() + "  signing public key     " + file + parts(key);
                }
                if (startsWith(raw, "FRSK")) {
                    SigningPublicKey key = SigningKeyPair.publicKeyOf(raw);
                    return key.fingerprintHex() + "  signing private key    " + file + parts(key);
                }
            } catch (VaultException e) {
                throw VaultFailed.of(e, file + " is not a well-formed key file");
            }
            throw VaultFailed.invalidData(file + " is not a FinRes key file (custodian or signing, public or private)");
        }

        private static String parts(SigningPublicKey key) {
            return key.hasMlDsa65() ? "  (Ed25519 + ML-DSA-65)" : "  (Ed25519)";
        }

        private static boolean startsWith(byte[] bytes, String magic) {
            byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
            return bytes.length >= m.length && Arrays.equals(bytes, 0, m.length, m, 0, m.length);
        }
    }

    @Command(name = "release",
            description = {"As a custodian, approve a restore: open your escrow share of the repository with your "
                    + "custodian key and seal it to the restoring institution's public key.",
                    "Writes the released share to --out and/or posts it to the hub as your approval of a restore "
                            + "request (POST /api/v1/vault/restore-requests/ID/approvals, recorded in the audit "
                            + "trail). With --restore-request, the recipient key must be the one the request names.",
                    "Exit codes: 0 released, 1 usage, 2/3 hub refused/unreachable, 6 wrong passphrase or not a "
                            + "custodian of this repository, 7 storage failed."})
    static final class Release implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        RepositoryOption repository;

        @Mixin
        CustodianKeyOptions key;

        @Mixin
        HubConnection hub;

        @Option(names = "--recipient", paramLabel = "FILE", required = true,
                description = "The restoring institution's custodian public key file.")
        Path recipient;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the released share here (base64).")
        Path out;

        @Option(names = "--restore-request", paramLabel = "ID",
                description = "Post the released share to the hub as approval of this restore request.")
        String restoreRequest;

        @Override
        public Integer call() {
            if (out == null && restoreRequest == null) {
                throw Secrets.usage(spec, "say where the released share goes: --out FILE and/or --restore-request ID");
            }
            Path root = repository.path();
            CustodianPublicKey to = KeyFiles.custodianPublicKey(recipient);
            VaultHub vaultHub = restoreRequest == null ? null : new VaultHub(hub.client());
            if (vaultHub != null) {
                JsonNode request = vaultHub.restoreRequest(restoreRequest);
                String expected = request.path("restorerFingerprint").isString()
                        ? request.path("restorerFingerprint").stringValue() : "";
                if (!expected.equalsIgnoreCase(to.fingerprintHex())) {
                    throw VaultFailed.keyRefused("restore request " + restoreRequest + " names restorer key "
                            + Output.printable(expected) + ", but --recipient " + recipient + " is "
                            + to.fingerprintHex() + ": nothing released", null);
                }
            }
            EscrowKeyFile escrow;
            try {
                escrow = EscrowKeyFile.read(root);
            } catch (IOException e) {
                throw VaultFailed.storage("cannot read the escrow key file of " + root, e);
            } catch (VaultException e) {
                throw VaultFailed.of(e, "the escrow key file of " + root + " does not read");
            }
            CustodianKeyPair custodian = key.open();
            ReleasedShare share;
            try {
                share = ReleasedShare.release(escrow, custodian, to);
            } catch (VaultException e) {
                throw VaultFailed.of(e, "cannot release a share of " + root);
            }
            PrintWriter o = spec.commandLine().getOut();
            if (out != null) {
                KeyFiles.writeNew(out, KeyFiles.base64Line(share.encode()), false);
                o.println("wrote the released share of " + Output.printable(share.label()) + " for restorer "
                        + to.fingerprintHex() + " to " + out);
            }
            if (vaultHub != null) {
                JsonNode answer = vaultHub.approve(restoreRequest, share);
                o.println("approved restore request " + restoreRequest + " as " + Output.printable(share.label())
                        + ": " + answer.path("approvals").toString() + " of " + answer.path("threshold").toString()
                        + " approvals, status " + Output.printable(answer.path("status").isString()
                        ? answer.path("status").stringValue() : "?"));
            }
            return ExitStatus.OK.code();
        }
    }

    @Command(name = "register",
            description = {"Register a public key at the hub: an attestation signing key of the token's institution "
                    + "(POST /api/v1/vault/signing-keys), or the caller's custodian key for a role in an "
                    + "institution's escrow (PUT /api/v1/vault/custody/INSTITUTION/custodians/ROLE).",
                    "Exit codes: 0 registered, 1 usage, 2 refused, 3 unreachable, 6 the hub's fingerprint differs, "
                            + "7 unreadable file."})
    static final class Register implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        HubConnection hub;

        @Option(names = "--signing", paramLabel = "FILE", description = "A signing public key file (.pub).")
        Path signing;

        @Option(names = "--custodian", paramLabel = "FILE", description = "A custodian public key file (.pub).")
        Path custodian;

        @Option(names = "--institution", paramLabel = "SLUG", description = "With --custodian: whose escrow.")
        String institution;

        @Option(names = "--role", paramLabel = "ROLE", description = "With --custodian: INSTITUTION, HUB_OPERATOR, "
                + "REGULATOR or RESTORING_INSTITUTION (the role the token's tenant holds).")
        String role;

        @Option(names = "--name", paramLabel = "NAME", description = "With --custodian: the custodian's display name.")
        String name;

        @Override
        public Integer call() {
            if ((signing == null) == (custodian == null)) {
                throw Secrets.usage(spec, "give one of --signing FILE or --custodian FILE");
            }
            PrintWriter o = spec.commandLine().getOut();
            if (signing != null) {
                SigningPublicKey key;
                try {
                    key = SigningPublicKey.decode(KeyFiles.readEncoded(signing, new byte[] {'F', 'R', 'S', 'P', 1},
                            "signing public key file"));
                } catch (VaultException e) {
                    throw VaultFailed.of(e, signing + " is not a signing public key");
                }
                var body = org.finres.cli.remote.HubClient.object();
                body.put("publicKey", Base64.getEncoder().encodeToString(key.encode()));
                JsonNode answer = hub.client().post("/api/v1/vault/signing-keys", body);
                checkFingerprint(answer.path("fingerprint"), key.fingerprintHex());
                o.println("registered signing key " + key.fingerprintHex());
                return ExitStatus.OK.code();
            }
            if (institution == null || role == null || name == null) {
                throw Secrets.usage(spec, "--custodian needs --institution, --role and --name");
            }
            CustodianRole custodianRole;
            try {
                custodianRole = CustodianRole.valueOf(role.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Secrets.usage(spec, "--role must be INSTITUTION, HUB_OPERATOR, REGULATOR or "
                        + "RESTORING_INSTITUTION, not '" + role + "'");
            }
            CustodianPublicKey key = KeyFiles.custodianPublicKey(custodian);
            var body = org.finres.cli.remote.HubClient.object();
            body.put("name", name);
            body.put("publicKey", Base64.getEncoder().encodeToString(key.encode()));
            JsonNode answer = hub.client().put("/api/v1/vault/custody/" + org.finres.cli.remote.HubClient.segment(
                    institution) + "/custodians/" + custodianRole.name(), body);
            for (JsonNode c : answer.path("custodians")) {
                if (c.path("role").isString() && c.path("role").stringValue().equals(custodianRole.name())) {
                    checkFingerprint(c.path("fingerprint"), key.fingerprintHex());
                }
            }
            o.println("registered " + custodianRole + " '" + Output.printable(name) + "' for " + Output.printable(
                    institution) + ": " + key.fingerprintHex());
            return ExitStatus.OK.code();
        }

        private static void checkFingerprint(JsonNode stated, String local) {
            if (stated.isString() && !stated.stringValue().equalsIgnoreCase(local)) {
                throw VaultFailed.keyRefused("the hub registered fingerprint " + Output.printable(stated.stringValue())
                        + ", not this key's " + local, null);
            }
        }
    }

    @Command(name = "request-restore",
            description = {"As the designated restoring institution, ask the hub for a restore of an institution's "
                    + "repository (POST /api/v1/vault/restore-requests); the custodians then approve with "
                    + "'keys release --restore-request ID'.",
                    "Exit codes: 0 requested (the id is printed), 1 usage, 2 refused, 3 unreachable, 7 unreadable."})
    static final class RequestRestore implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        HubConnection hub;

        @Mixin
        RepositoryOption repository;

        @Option(names = "--institution", paramLabel = "SLUG", required = true, description = "Whose repository.")
        String institution;

        @Option(names = "--restorer", paramLabel = "FILE", required = true,
                description = "The restoring institution's custodian public key file: the shares are sealed to it.")
        Path restorer;

        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (recorded and shown to "
                + "the custodians).")
        String reason;

        @Override
        public Integer call() {
            CustodianPublicKey key = KeyFiles.custodianPublicKey(restorer);
            var body = org.finres.cli.remote.HubClient.object();
            body.put("institution", institution);
            body.put("repositoryId", Repositories.repositoryId(repository.path()));
            body.put("reason", reason);
            body.put("restorerPublicKey", Base64.getEncoder().encodeToString(key.encode()));
            JsonNode answer = hub.client().post("/api/v1/vault/restore-requests", body);
            spec.commandLine().getOut().println("restore request " + Output.printable(answer.path("id").isString()
                    ? answer.path("id").stringValue() : answer.path("id").toString()) + ": "
                    + Output.printable(answer.path("status").isString() ? answer.path("status").stringValue() : "")
                    + ", " + answer.path("threshold").toString() + " approvals needed");
            return ExitStatus.OK.code();
        }
    }
}
