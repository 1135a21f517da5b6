package org.finres.vault.engine.storage;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe's S3Mock (a Spring Boot application from Maven Central, copied to target/s3mock by the build) in a child
 * JVM, so its Spring Boot and Kotlin never meet our classpath. Started once per test class on a free port.
 */
final class S3MockServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private S3MockServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Null when the jar is absent (a test run outside Maven); callers skip with an assumption. */
    static S3MockServer start(Path workDir) throws IOException, InterruptedException {
        String jar = System.getProperty("s3mock.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            return null;
        }
        int port = freePort();
        int tlsPort = freePort();
        Path log = workDir.resolve("s3mock.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                "--http.port=" + port, "--server.port=" + tlsPort, "--server.address=127.0.0.1",
                "--com.adobe.testing.s3mock.store.root=" + workDir.resolve("store"),
                "--com.adobe.testing.s3mock.max-payload-size=64MB", "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3MockServer server = new S3MockServer(p, port, log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IOException("S3Mock exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) server.endpoint().toURL().openConnection();
                c.setConnectTimeout(500);
                c.getResponseCode();
                c.disconnect();
                return server;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        server.close();
        throw new IOException("S3Mock did not start within 90 s: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client for the server that records the method, path and headers of every request it sends. */
    S3Client client(List<SentRequest> sent) {
        return S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context,
                            ExecutionAttributes attributes) {
                        SdkHttpRequest r = context.httpRequest();
                        sent.add(new SentRequest(r.method().name(), r.encodedPath(), r.rawQueryParameters().keySet(),
                                r.headers()));
                    }
                })).build();
    }

    static List<SentRequest> recorder() {
        return new CopyOnWriteArrayList<>();
    }

    record SentRequest(String method, String path, java.util.Set<String> query,
            java.util.Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
