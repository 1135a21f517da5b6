package org.finres.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.finres.cli.testing.CliRun;
import org.finres.coredata.CustomerPseudonymiser;
import org.finres.coredata.DatasetGenerator;
import org.finres.coredata.ProgressListener;

/** Folders, datasets and {@code finres vault} runs for the vault command tests. */
final class VaultFixture {

    static final String PASSPHRASE = "correct horse battery staple";
    static final LocalDate DATE = LocalDate.of(2026, 12, 1);
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes();

    final Path root;
    final Path repo;
    final Map<String, String> environment = new HashMap<>();

    VaultFixture(Path root) {
        this.root = root;
        this.repo = root.resolve("repo");
        environment.put("FINRES_DATA_DIR", root.resolve("data").toString());
        environment.put("FINRES_VAULT_PASSPHRASE", PASSPHRASE);
    }

    CliRun vault(String... args) {
        return vault(environment, args);
    }

    CliRun vault(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "vault";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.finres(env, all);
    }

    /** A repository with small chunks and packs, so that even a small dataset spans many packs. */
    void init() {
        CliRun run = vault("init", "--repo", repo.toString(), "--chunk-min", "1024", "--chunk-avg", "4096",
                "--chunk-max", "16384", "--pack-size", "65536");
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    Path dataset(String name, int customers) {
        DatasetGenerator generator = new DatasetGenerator(new DatasetGenerator.Spec("bank-a", DATE, customers, 3, 4, 42),
                new CustomerPseudonymiser(SECRET));
        return generator.write(root.resolve(name), ProgressListener.NONE);
    }

    /** Relative path -> content of every file below a folder. */
    static Map<String, byte[]> files(Path folder) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void assertSameFiles(Path restored, Path original) {
        Map<String, byte[]> a = files(restored);
        Map<String, byte[]> b = files(original);
        assertThat(a.keySet()).isEqualTo(b.keySet());
        List<String> different = new ArrayList<>();
        a.forEach((k, v) -> {
            if (!java.util.Arrays.equals(v, b.get(k))) {
                different.add(k);
            }
        });
        assertThat(different).as("files that differ").isEmpty();
    }

    Path write(String name, String content) {
        try {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
