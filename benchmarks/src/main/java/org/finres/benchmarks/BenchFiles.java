package org.finres.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** File-tree helpers of the vault benchmark: listings, sizes, SHA-256 of every file, deletion. */
final class BenchFiles {

    private BenchFiles() {
    }

    /** Regular files below {@code dir}, as sorted '/'-separated relative paths. */
    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Sum of the sizes of the regular files below {@code dir}. */
    static long size(Path dir) throws IOException {
        long total = 0;
        for (String f : list(dir)) {
            total += Files.size(dir.resolve(f));
        }
        return total;
    }

    static long sizeQuietly(Path dir) {
        try {
            return size(dir);
        } catch (IOException e) {
            return -1;
        }
    }

    /** relative path -> hex SHA-256 of the file's bytes. */
    static Map<String, String> sha256Tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        byte[] buf = new byte[1 << 20];
        for (String f : list(dir)) {
            MessageDigest sha = sha256();
            try (InputStream in = Files.newInputStream(dir.resolve(f))) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    sha.update(buf, 0, n);
                }
            }
            out.put(f, HexFormat.of().formatHex(sha.digest()));
        }
        return out;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
