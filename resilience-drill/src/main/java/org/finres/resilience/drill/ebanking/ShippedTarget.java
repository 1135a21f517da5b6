package org.finres.resilience.drill.ebanking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped e-banking target as three child processes on loopback: the front router, the primary (node a) and
 * the standby (node b), each logging to {@code DIR/<name>.log}. The current primary's pid is always in
 * {@code DIR/primary.pid}, which is what the example plan's fault kills. Each start opens a fresh bank (the opening
 * balances, no transfers).
 */
public final class ShippedTarget implements AutoCloseable {

    public static final int DEFAULT_FRONT_PORT = 18080;

    private final Path dir;
    private final int frontPort;
    private final Map<String, Integer> nodePorts;
    private final Map<String, Process> processes = new LinkedHashMap<>();

    private ShippedTarget(Path dir, int frontPort, Map<String, Integer> nodePorts) {
        this.dir = dir;
        this.frontPort = frontPort;
        this.nodePorts = nodePorts;
    }

    /**
     * The command that runs {@link EbankingProcess} in a fresh JVM with this JVM's class path; a caller packaged
     * differently (the CLI's executable jar) passes its own.
     */
    public static List<String> javaLauncher() {
        List<String> cmd = new ArrayList<>(jvm());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EbankingProcess.class.getName()));
        return cmd;
    }

    /**
     * This JVM's java command with the options of a target process: small heap, serial GC and the quick JIT tier,
     * since three of them share a loaded machine with the drill and the build.
     */
    public static List<String> jvm() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    /**
     * Starts router, primary and standby under {@code dir} and waits until the front answers and the standby has
     * attached. {@code frontPort} 0 picks a free port.
     *
     * @param launcher the command prefix that runs {@link EbankingProcess#main} with the arguments appended
     */
    public static ShippedTarget start(Path dir, int frontPort, List<String> launcher, Duration promoteAfter,
            Duration waitAtMost) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("primary.pid"));
            // Every start opens a fresh bank: after a drill the journals have diverged (the killed primary may hold
            // a write it never acknowledged), and starting the old primary again would be a rejoin we do not do.
            for (String node : List.of("node-a", "node-b")) {
                Path d = dir.resolve(node);
                if (Files.isDirectory(d)) {
                    try (var files = Files.list(d)) {
                        for (Path f : files.toList()) {
                            Files.delete(f);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the target folder " + dir, e);
        }
        int front = frontPort == 0 ? freePort() : frontPort;
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("a", freePort());
        ports.put("b", freePort());
        ShippedTarget t = new ShippedTarget(dir, front, ports);
        try {
            URI a = t.node("a");
            t.launch("a", launcher, List.of("node", "--name", "a", "--port", ports.get("a").toString(), "--data",
                    dir.resolve("node-a").toString(), "--target", dir.toString(), "--role", "primary", "--peer",
                    t.node("b").toString(), "--promote-after", promoteAfter.toMillis() + "ms"));
            t.launch("b", launcher, List.of("node", "--name", "b", "--port", ports.get("b").toString(), "--data",
                    dir.resolve("node-b").toString(), "--target", dir.toString(), "--role", "standby", "--peer",
                    a.toString(), "--promote-after", promoteAfter.toMillis() + "ms"));
            t.launch("router", launcher, List.of("router", "--port", Integer.toString(front), "--nodes",
                    a + "," + t.node("b")));
            t.awaitReady(waitAtMost);
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private void launch(String name, List<String> launcher, List<String> args) {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())).start();
            processes.put(name, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the target's " + name + " process: " + cmd, e);
        }
    }

    private void awaitReady(Duration waitAtMost) {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + waitAtMost.toNanos();
        String last = "nothing answered";
        while (System.nanoTime() < deadline) {
            for (var e : processes.entrySet()) {
                if (!e.getValue().isAlive()) {
                    throw new IllegalStateException("the target's " + e.getKey() + " process ended with exit code "
                            + e.getValue().exitValue() + "; see " + dir.resolve(e.getKey() + ".log"));
                }
            }
            try {
                HttpResponse<String> health = c.send(HttpRequest.newBuilder(front().resolve("/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> standby = c.send(HttpRequest.newBuilder(node("b").resolve("/role"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && standby.body().contains("\"attached\":true")) {
                    return;
                }
                last = "front /health " + health.statusCode() + ", standby " + standby.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the target");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the target");
            }
        }
        throw new IllegalStateException("the e-banking target was not ready within " + waitAtMost.toSeconds()
                + " s (" + last + "); logs in " + dir);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The one address clients and probes use. */
    public URI front() {
        return URI.create("http://127.0.0.1:" + frontPort);
    }

    public int frontPort() {
        return frontPort;
    }

    public URI node(String name) {
        return URI.create("http://127.0.0.1:" + nodePorts.get(name));
    }

    /** Process ids by name (router, a, b). */
    public Map<String, Long> pids() {
        Map<String, Long> out = new LinkedHashMap<>();
        processes.forEach((k, v) -> out.put(k, v.pid()));
        return out;
    }

    public Map<String, Integer> nodePorts() {
        return Map.copyOf(nodePorts);
    }

    public boolean alive(String name) {
        Process p = processes.get(name);
        return p != null && p.isAlive();
    }

    /** Ends every process of the target (the ones still alive), forcibly, and waits until they are gone. */
    @Override
    public void close() {
        for (Process p : processes.values()) {
            p.destroyForcibly();
        }
        boolean interrupted = false;
        for (Process p : processes.values()) {
            // Wait even when interrupted (Ctrl-C, a test stopping us): returning early would leave them running.
            while (p.isAlive()) {
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
