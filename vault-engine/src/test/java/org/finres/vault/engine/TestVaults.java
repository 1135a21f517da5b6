package org.finres.vault.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.finres.vault.engine.chunk.ChunkerParameters;

/** Small repositories and source folders for tests: tiny chunks and packs so a few hundred KiB make many of each. */
public final class TestVaults {

    public static final RepositoryParameters SMALL = new RepositoryParameters(new ChunkerParameters(1024, 4096, 16384),
            64 << 10, 3);

    private TestVaults() {
    }

    static KeyWrapping kek(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return new AesGcmKeyWrapping(key);
    }

    /** A core-banking-like folder: random ledger bytes, compressible text, an empty file, a nested folder. */
    public static Path source(Path dir, long seed, int randomBytes) throws IOException {
        Random r = new Random(seed);
        Files.createDirectories(dir.resolve("ledger/2024"));
        byte[] ledger = new byte[randomBytes];
        r.nextBytes(ledger);
        Files.write(dir.resolve("ledger/2024/accounts.bin"), ledger);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            csv.append(i).append(",TW").append(1000 + r.nextInt(9000)).append(",").append(r.nextInt(100000))
                    .append(".00,TWD\n");
        }
        Files.writeString(dir.resolve("transactions.csv"), csv, StandardCharsets.UTF_8);
        Files.write(dir.resolve("empty.dat"), new byte[0]);
        return dir;
    }

    public static List<String> tree(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.add(dir.relativize(p) + ":" + java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().endsWith(".tmp")).sorted().toList();
        }
    }

    /** The repository's derived keys, unwrapped the way open does, for tests that forge sound-looking files. */
    static org.finres.vault.engine.format.RepositoryKeys keysOf(Path root, KeyWrapping kek) throws IOException {
        var config = org.finres.vault.engine.format.RepositoryConfig.parse(Files.readString(root.resolve("config")));
        var keyFile = org.finres.vault.engine.format.KeyFile.decode(Files.readAllBytes(files(root.resolve("keys"))
                .getFirst()));
        return org.finres.vault.engine.format.RepositoryKeys.of(kek.unwrap(keyFile.wrapped(),
                config.repositoryIdBytes()));
    }

    static void flipBit(Path file, long position) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[(int) position] ^= 0x10;
        Files.write(file, b);
    }
}
