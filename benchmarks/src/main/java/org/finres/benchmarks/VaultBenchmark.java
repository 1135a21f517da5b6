package org.finres.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.finres.vault.engine.AesGcmKeyWrapping;
import org.finres.vault.engine.KeyWrapping;
import org.finres.vault.engine.Progress;
import org.finres.vault.engine.ProgressListener;
import org.finres.vault.engine.RepositoryParameters;
import org.finres.vault.engine.Snapshot;
import org.finres.vault.engine.SnapshotInfo;
import org.finres.vault.engine.VaultRepository;

/**
 * The vault engine against restic and borgbackup on the same generated core-data set ({@link CoreDataSet}: business
 * date 1, then date 2 with about 5 % changed), all in one run: first backup, second backup, restore of the second
 * snapshot, repository size; plus the single-pass AES-256-GCM + SHA-256 throughput of this machine (JCA, in memory,
 * one thread and all threads) measured before and after the tools. Every restore is compared file by file (SHA-256)
 * with the source. Phases are interleaved (all three first backups, then all three second backups, then all
 * restores) so that load from other processes spreads over the tools rather than hitting one.
 *
 * <p>The backed-up folder always has the same path ({@code <work>/src}: day 1 is renamed into place, then day 2), so
 * restic finds its parent snapshot and borg its files cache; since day 2's files are freshly written (new inodes and
 * times, as a nightly export is), every tool reads every byte both times. Restic and borg do not force restored files
 * to disk, the vault does (it checks each file and renames it into place only when all are right): their restore time
 * therefore includes forcing each restored file, and the time without it is printed too.
 *
 * <p>Under load from other processes, each measure is the best of {@code -Dbench.rounds=} rounds (default 3), every
 * round with fresh repositories and the tools' order rotated. {@code -Dbench.bytes=} size of day 1 (default 1 GiB), {@code -Dbench.dir=} parent of the work folder (default
 * /tmp), {@code -Dbench.keep=true} keeps the work folder. Needs {@code restic} and {@code borg} on the PATH
 * ({@code benchmarks/vault-vs-restic.sh} installs them).
 */
public final class VaultBenchmark {

    private static final long SEED = 20_260_331L;
    private static final String INSTITUTION = "bench-bank";
    private static final String PASSWORD = "finres-bench-password-not-a-secret";
    private static final double MIB = 1 << 20;

    public static void main(String[] args) throws Exception {
        long bytes = Long.getLong("bench.bytes", 1L << 30);
        Path parent = Path.of(System.getProperty("bench.dir", "/tmp"));
        boolean keep = Boolean.getBoolean("bench.keep");
        Path work = Files.createTempDirectory(parent, "finres-vault-bench-");
        Thread cleanup = new Thread(() -> {
            if (!keep) {
                System.err.println("deleting " + work);
                BenchFiles.deleteTree(work);
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        new VaultBenchmark(work).run(bytes, Math.max(1, Integer.getInteger("bench.rounds", 3)));
    }

    private final Path work;
    private final Path logs;

    private VaultBenchmark(Path work) throws IOException {
        this.work = work;
        this.logs = Files.createDirectories(work.resolve("logs"));
    }

    // ---------------------------------------------------------------------------------------------- the run

    private record Times(double backup1, double backup2, double restore, double restoreTool, long repoBytes,
            boolean identical, String detail) {
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.MAX_VALUE);
        return a;
    }

    private void run(long bytes, int rounds) throws Exception {
        String resticVersion = firstLine(List.of("restic", "version"));
        String borgVersion = firstLine(List.of("borg", "--version"));
        int cores = Runtime.getRuntime().availableProcessors();
        progress("work folder %s, %d cores, %s, %s, Java %s", work, cores, resticVersion, borgVersion,
                Runtime.version());

        long start = System.nanoTime();
        Path day1 = work.resolve("gen/day1");
        Path day2 = work.resolve("gen/day2");
        CoreDataSet.Result data = new CoreDataSet(SEED, bytes).write(day1, day2);
        progress("core data: day 1 (%s) %,d bytes in %d files, day 2 (%s) %,d bytes in %d files, ~%,d bytes "
                + "changed or new (%.1f %%), in %.1f s", data.date1(), data.day1Bytes(), data.day1Files(),
                data.date2(), data.day2Bytes(), data.day2Files(), data.changedBytes(),
                100.0 * data.changedBytes() / data.day1Bytes(), seconds(start));
        Map<String, String> expected = BenchFiles.sha256Tree(day2);

        double[] baselineBefore = baseline(day1);

        List<Tool> tools = List.of(new FinResTool(), new ResticTool(), new BorgTool());
        int n = tools.size();
        double[] b1 = filled(n);
        double[] b2 = filled(n);
        double[] rs = filled(n);
        double[] rsTool = filled(n);
        long[] size = new long[n];
        boolean[] identical = new boolean[n];
        String[] detail = new String[n];
        java.util.Arrays.fill(identical, true);
        Path src = work.resolve("src");
        for (int round = 0; round < rounds; round++) {
            // Each round starts from empty repositories and rotates the order, so no tool always goes first.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add((i + round) % n);
            }
            progress("round %d of %d, order %s", round + 1, rounds, order.stream().map(i -> tools.get(i).name())
                    .toList());
            BenchFiles.deleteTree(work.resolve("restic-cache"));
            BenchFiles.deleteTree(work.resolve("borg-base"));
            for (Tool t : tools) {
                BenchFiles.deleteTree(work.resolve("repo-" + t.key()));
                t.init(work.resolve("repo-" + t.key()));
            }
            Files.move(day1, src, StandardCopyOption.ATOMIC_MOVE);
            for (int i : order) {
                progress("%s: first backup (%s) ...", tools.get(i).name(), data.date1());
                double t = timed(tools.get(i), src, data.date1());
                b1[i] = Math.min(b1[i], t);
                progress("%s: first backup %.1f s, %.1f MiB/s", tools.get(i).name(), t,
                        data.day1Bytes() / MIB / t);
            }
            Files.move(src, day1, StandardCopyOption.ATOMIC_MOVE);
            Files.move(day2, src, StandardCopyOption.ATOMIC_MOVE);
            for (int i : order) {
                progress("%s: second backup (%s) ...", tools.get(i).name(), data.date2());
                double t = timed(tools.get(i), src, data.date2());
                b2[i] = Math.min(b2[i], t);
                progress("%s: second backup %.1f s, %.1f MiB/s", tools.get(i).name(), t,
                        data.day2Bytes() / MIB / t);
            }
            Files.move(src, day2, StandardCopyOption.ATOMIC_MOVE);
            for (int i : order) {
                Tool t = tools.get(i);
                Path target = work.resolve("restore-" + t.key());
                progress("%s: restore of %s ...", t.name(), data.date2());
                long t0 = System.nanoTime();
                Path restored = t.restore(data.date2(), target, src);
                double tool = seconds(t0);
                if (!t.forcesFiles()) {
                    for (String f : BenchFiles.list(restored)) {
                        try (FileChannel ch = FileChannel.open(restored.resolve(f), StandardOpenOption.WRITE)) {
                            ch.force(true);
                        }
                    }
                }
                double restore = seconds(t0);
                rs[i] = Math.min(rs[i], restore);
                rsTool[i] = Math.min(rsTool[i], tool);
                Map<String, String> got = BenchFiles.sha256Tree(restored);
                boolean same = got.equals(expected);
                String what = same ? expected.size() + " files identical" : difference(expected, got);
                identical[i] &= same;
                if (detail[i] == null || !same) {
                    detail[i] = what;
                }
                progress("%s: restore %.1f s (%.1f s before forcing files), %.1f MiB/s; %s", t.name(), restore,
                        tool, data.day2Bytes() / MIB / restore, what);
                size[i] = BenchFiles.size(work.resolve("repo-" + t.key()));
                BenchFiles.deleteTree(target);
            }
        }
        List<Times> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(new Times(b1[i], b2[i], rs[i], rsTool[i], size[i], identical[i], detail[i]));
        }

        double[] baselineAfter = baseline(day2);
        print(data, tools, results, baselineBefore, baselineAfter, cores, rounds);
    }

    private static String difference(Map<String, String> expected, Map<String, String> got) {
        for (var e : expected.entrySet()) {
            if (!e.getValue().equals(got.get(e.getKey()))) {
                return "DIFFERENT: " + e.getKey() + (got.containsKey(e.getKey()) ? " differs" : " missing");
            }
        }
        return "DIFFERENT: extra files " + got.keySet().stream().filter(k -> !expected.containsKey(k)).toList();
    }

    private static double timed(Tool tool, Path src, LocalDate date) throws Exception {
        long t0 = System.nanoTime();
        tool.backup(src, date);
        return seconds(t0);
    }

    // ---------------------------------------------------------------------------------------------- baseline

    /**
     * Single pass over the same bytes in memory: SHA-256 and AES-256-GCM of each 1 MiB block, on one thread and on
     * all threads. Returns MiB/s {one thread, all threads}.
     */
    private double[] baseline(Path dir) throws Exception {
        List<byte[]> blocks = new ArrayList<>();
        long total = 0;
        for (String f : BenchFiles.list(dir)) {
            try (InputStream in = Files.newInputStream(dir.resolve(f))) {
                for (byte[] b = in.readNBytes(1 << 20); b.length > 0; b = in.readNBytes(1 << 20)) {
                    blocks.add(b);
                    total += b.length;
                }
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        // Warm up until the JIT has compiled the intrinsics (about 2 s), then the best of three full passes each.
        List<byte[]> warm = blocks.subList(0, Math.min(blocks.size(), 64));
        for (long w = System.nanoTime(); System.nanoTime() - w < 2_000_000_000L; ) {
            singlePass(warm, 1);
            singlePass(warm, cores);
        }
        double one = 0;
        double all = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            singlePass(blocks, 1);
            one = Math.max(one, total / MIB / seconds(t0));
            t0 = System.nanoTime();
            singlePass(blocks, cores);
            all = Math.max(all, total / MIB / seconds(t0));
        }
        progress("baseline AES-256-GCM + SHA-256 single pass over %,d bytes in memory: %.0f MiB/s on 1 thread, "
                + "%.0f MiB/s on %d threads (best of 3)", total, one, all, cores);
        return new double[] {one, all};
    }

    private static void singlePass(List<byte[]> blocks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    byte[] key = new byte[32];
                    new Random(first).nextBytes(key);
                    SecretKeySpec spec = new SecretKeySpec(key, "AES");
                    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                    MessageDigest sha = BenchFiles.sha256();
                    byte[] out = new byte[(1 << 20) + 16];
                    byte[] nonce = new byte[12];
                    int sink = 0;
                    for (int i = first; i < blocks.size(); i += threads) {
                        byte[] b = blocks.get(i);
                        sink += sha.digest(b)[0];
                        nonce[0] = (byte) i;
                        nonce[1] = (byte) (i >> 8);
                        nonce[2] = (byte) (i >> 16);
                        nonce[3] = (byte) (i >> 24);
                        gcm.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
                        sink += gcm.doFinal(b, 0, b.length, out, 0);
                    }
                    return sink;
                }));
            }
            for (Future<Integer> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    // ---------------------------------------------------------------------------------------------- tools

    private interface Tool {
        String key();

        String name();

        String settings();

        void init(Path repo) throws Exception;

        void backup(Path src, LocalDate date) throws Exception;

        /** Restores the snapshot of {@code date} below {@code target}; returns the folder that mirrors {@code src}. */
        Path restore(LocalDate date, Path target, Path src) throws Exception;

        boolean forcesFiles();
    }

    private final class FinResTool implements Tool {
        private final KeyWrapping kek;
        private Path repo;

        FinResTool() {
            byte[] key = new byte[32];
            new Random(SEED).nextBytes(key);
            kek = new AesGcmKeyWrapping(key);
        }

        public String key() {
            return "finres";
        }

        public String name() {
            return "FinRes vault";
        }

        public String settings() {
            RepositoryParameters p = parameters();
            return "FastCDC " + p.chunking().min() / 1024 + " KiB / " + p.chunking().avg() / 1024 + " KiB / "
                    + p.chunking().max() / 1024 + " KiB, HMAC-SHA-256 ids, zstd " + p.compressionLevel()
                    + (p.compressionLevel() == RepositoryParameters.DEFAULT.compressionLevel() ? " (default)"
                            : " (not the default " + RepositoryParameters.DEFAULT.compressionLevel() + ")")
                    + ", AES-256-GCM, " + (p.packSize() >> 20) + " MiB packs, "
                    + Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())) + " workers";
        }

        public void init(Path repo) {
            this.repo = repo;
            VaultRepository.init(repo, kek, parameters()).close();
        }

        public void backup(Path src, LocalDate date) {
            try (VaultRepository r = VaultRepository.open(repo, kek)) {
                r.backup(src, new SnapshotInfo(INSTITUTION, date), new Every256MiB());
            }
        }

        public Path restore(LocalDate date, Path target, Path src) {
            try (VaultRepository r = VaultRepository.open(repo, kek)) {
                Snapshot s = r.snapshots().stream().filter(x -> x.info().businessDate().equals(date)).findFirst()
                        .orElseThrow();
                r.restore(s, target, new Every256MiB());
            }
            return target;
        }

        public boolean forcesFiles() {
            return true;
        }

        /** The engine's defaults; {@code -Dbench.zstdLevel=} sets another level (a repository's choice at init). */
        private RepositoryParameters parameters() {
            RepositoryParameters d = RepositoryParameters.DEFAULT;
            return new RepositoryParameters(d.chunking(), d.packSize(),
                    Integer.getInteger("bench.zstdLevel", d.compressionLevel()));
        }
    }

    /** Progress of the vault on stderr, about every 256 MiB. */
    private static final class Every256MiB implements ProgressListener {
        private long next = 256L << 20;

        @Override
        public void report(Progress p) {
            long done = switch (p) {
                case Progress.Backup b -> b.bytesRead();
                case Progress.Restore r -> r.bytesWritten();
                default -> 0;
            };
            if (done >= next) {
                next += 256L << 20;
                System.err.printf("    %,d MiB %s%n", done >> 20, p instanceof Progress.Backup b
                        ? "read, " + b.chunksNew() + " chunks new, " + b.chunksReused() + " reused" : "written");
            }
        }
    }

    private final class ResticTool implements Tool {
        private Path repo;

        public String key() {
            return "restic";
        }

        public String name() {
            return "restic";
        }

        public String settings() {
            return "repository format 2, default compression (auto), default chunker (512 KiB / 1 MiB / 8 MiB), "
                    + "default pack size, cache in the work folder, GOMAXPROCS = all cores";
        }

        public void init(Path repo) throws Exception {
            this.repo = repo;
            exec("restic-init", work, List.of("restic", "-r", repo.toString(), "init"));
        }

        public void backup(Path src, LocalDate date) throws Exception {
            exec("restic-backup-" + date, work, List.of("restic", "-r", repo.toString(), "backup", "--host", "bench",
                    "--tag", date.toString(), src.toString()));
        }

        public Path restore(LocalDate date, Path target, Path src) throws Exception {
            exec("restic-restore", work, List.of("restic", "-r", repo.toString(), "restore", "latest", "--tag",
                    date.toString(), "--target", target.toString()));
            return target.resolve(src.toAbsolutePath().toString().substring(1));
        }

        public boolean forcesFiles() {
            return false;
        }
    }

    private final class BorgTool implements Tool {
        private Path repo;

        public String key() {
            return "borg";
        }

        public String name() {
            return "borg";
        }

        public String settings() {
            return "--encryption=repokey-blake2, --compression zstd,3, default chunker (buzhash 19,23,21,4095: "
                    + "512 KiB / 2 MiB / 8 MiB), single-threaded";
        }

        public void init(Path repo) throws Exception {
            this.repo = repo;
            exec("borg-init", work, List.of("borg", "init", "--encryption=repokey-blake2", repo.toString()));
        }

        public void backup(Path src, LocalDate date) throws Exception {
            exec("borg-create-" + date, src.getParent(), List.of("borg", "create", "--compression", "zstd,3",
                    repo + "::" + date, src.getFileName().toString()));
        }

        public Path restore(LocalDate date, Path target, Path src) throws Exception {
            Files.createDirectories(target);
            exec("borg-extract", target, List.of("borg", "extract", repo + "::" + date));
            return target.resolve(src.getFileName().toString());
        }

        public boolean forcesFiles() {
            return false;
        }
    }

    private void exec(String log, Path dir, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(log + ".log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("RESTIC_PASSWORD", PASSWORD);
        env.put("RESTIC_CACHE_DIR", work.resolve("restic-cache").toString());
        env.put("BORG_PASSPHRASE", PASSWORD);
        env.put("BORG_BASE_DIR", work.resolve("borg-base").toString());
        env.put("BORG_DISPLAY_PASSPHRASE", "no");
        env.put("BORG_RELOCATED_REPO_ACCESS_IS_OK", "yes");
        Process p = pb.start();
        p.getOutputStream().close();
        int rc = p.waitFor();
        if (rc != 0) {
            List<String> lines = Files.readAllLines(logs.resolve(log + ".log"), StandardCharsets.UTF_8);
            throw new IllegalStateException(String.join(" ", command) + " exited with " + rc + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
    }

    private static String firstLine(List<String> command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command.getFirst() + " is not installed: run benchmarks/vault-vs-restic.sh "
                    + "(it installs restic and borgbackup with apt-get)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out.lines().findFirst().orElse(command.getFirst());
    }

    // ---------------------------------------------------------------------------------------------- report

    private void print(CoreDataSet.Result data, List<Tool> tools, List<Times> r, double[] before, double[] after,
            int cores, int rounds) {
        double base1 = (before[0] + after[0]) / 2;
        double baseN = (before[1] + after[1]) / 2;
        Times f = r.get(0);
        Times restic = r.get(1);
        Times borg = r.get(2);
        double d1 = data.day1Bytes() / MIB;
        double d2 = data.day2Bytes() / MIB;
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n## Vault benchmark: FinRes vault vs restic vs borg%n%n"));
        out.append(String.format("Core data: day 1 (%s) %,.1f MiB in %d files; day 2 (%s) %,.1f MiB in %d files, "
                + "~%.1f %% of the content changed or new. %d cores, Java %s. Times: the best of %d rounds (fresh "
                + "repositories each round, tool order rotated).%n%n", data.date1(), d1,
                data.day1Files(), data.date2(), d2, data.day2Files(), 100.0 * data.changedBytes() / data.day1Bytes(),
                cores, Runtime.version(), rounds));
        out.append("| measure | FinRes vault | restic | borg | FinRes/restic | FinRes/borg | target |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        row(out, "first backup", d1, f.backup1(), restic.backup1(), borg.backup1(), ">= 1.5x restic", 1.5);
        row(out, "second backup", d2, f.backup2(), restic.backup2(), borg.backup2(), "", 0);
        row(out, "restore of day 2", d2, f.restore(), restic.restore(), borg.restore(), ">= 2x restic", 2.0);
        out.append(String.format("| repository size after both | %,.1f MiB | %,.1f MiB | %,.1f MiB | %.3f | %.3f | "
                + "<= restic: %s |%n", f.repoBytes() / MIB, restic.repoBytes() / MIB, borg.repoBytes() / MIB,
                (double) f.repoBytes() / restic.repoBytes(), (double) f.repoBytes() / borg.repoBytes(),
                f.repoBytes() <= restic.repoBytes() ? "met" : "MISSED"));
        out.append(String.format("| restore byte-identical (SHA-256 of every file) | %s | %s | %s | | | |%n",
                yes(f), yes(restic), yes(borg)));
        out.append(String.format("%nRatios of speed are MiB/s over MiB/s (higher is better for FinRes), of size "
                + "bytes over bytes (lower is better). restic and borg restore times include forcing each restored "
                + "file to disk, as the vault does; without it: restic %.1f s, borg %.1f s.%n%n",
                restic.restoreTool(), borg.restoreTool()));
        out.append(String.format("Baseline, single-pass AES-256-GCM + SHA-256 over the same bytes in memory (JCA), "
                + "mean of a run before and after the tools (each the best of 3 passes): 1 thread %.0f MiB/s (%.0f / %.0f), %d threads "
                + "%.0f MiB/s (%.0f / %.0f).%n%n", base1, before[0], after[0], cores, baseN, before[1], after[1]));
        out.append("| FinRes vault | MiB/s | / baseline 1 thread | / baseline all threads |\n");
        out.append("| --- | ---: | ---: | ---: |\n");
        baseRow(out, "first backup", d1 / f.backup1(), base1, baseN);
        baseRow(out, "second backup", d2 / f.backup2(), base1, baseN);
        baseRow(out, "restore of day 2", d2 / f.restore(), base1, baseN);
        out.append(String.format("%nSettings:%n"));
        for (Tool t : tools) {
            out.append("- ").append(t.name()).append(": ").append(t.settings()).append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }

    private static String yes(Times t) {
        return t.identical() ? "yes" : "NO (" + t.detail() + ")";
    }

    private static void row(StringBuilder out, String what, double mib, double finres, double restic, double borg,
            String target, double factor) {
        double vsRestic = restic / finres;
        double vsBorg = borg / finres;
        out.append(String.format("| %s | %.1f s, %.1f MiB/s | %.1f s, %.1f MiB/s | %.1f s, %.1f MiB/s | %.2fx | "
                + "%.2fx | %s |%n", what, finres, mib / finres, restic, mib / restic, borg, mib / borg, vsRestic,
                vsBorg, target.isEmpty() ? "" : target + ": " + (vsRestic >= factor ? "met" : "MISSED")));
    }

    private static void baseRow(StringBuilder out, String what, double rate, double base1, double baseN) {
        out.append(String.format("| %s | %.1f | %.2f | %.2f |%n", what, rate, rate / base1, rate / baseN));
    }

    private static void progress(String format, Object... args) {
        System.err.printf("[vault-bench] " + format + "%n", args);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
