package org.finres.cli.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;

import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.custody.CustodianPublicKey;

/**
 * Key and share files on disk. Private key files are the engine's binary encodings (already encrypted); public keys
 * and released shares are written as one line of base64, the form the hub's API and e-mail carry, and read in
 * either form.
 */
final class KeyFiles {

    private static final byte[] CUSTODIAN_PUBLIC = {'F', 'R', 'C', 'P', 1};

    private KeyFiles() {
    }

    static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw VaultFailed.storage("cannot read the " + what + " " + file, e);
        }
    }

    /** The bytes of a file holding either the raw encoding (starting with {@code magic}) or its base64. */
    static byte[] readEncoded(Path file, byte[] magic, String what) {
        byte[] content = read(file, what);
        if (content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length)) {
            return content;
        }
        String text = new String(content, StandardCharsets.US_ASCII).strip();
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw VaultFailed.invalidData("the " + what + " " + file + " is neither its binary encoding nor base64 ("
                    + e.getMessage() + ")");
        }
    }

    static CustodianPublicKey custodianPublicKey(Path file) {
        byte[] bytes = readEncoded(file, CUSTODIAN_PUBLIC, "custodian public key file");
        try {
            return CustodianPublicKey.decode(bytes);
        } catch (VaultException e) {
            throw VaultFailed.of(e, "the custodian public key file " + file + " is not a custodian public key");
        }
    }

    /** Writes a new file; never replaces one (a key file overwritten by mistake is a key lost). */
    static void writeNew(Path file, byte[] bytes, boolean secret) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (secret) {
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the file inherits the folder's ACL; the content is encrypted either way.
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw VaultFailed.storage("will not overwrite " + file + " (it exists; choose another name or move it "
                    + "away first)", null);
        } catch (IOException e) {
            throw VaultFailed.storage("cannot write " + file, e);
        }
    }

    static byte[] base64Line(byte[] encoded) {
        return (Base64.getEncoder().encodeToString(encoded) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
