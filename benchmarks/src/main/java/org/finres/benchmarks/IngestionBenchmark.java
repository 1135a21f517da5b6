package org.finres.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.finres.FinresApplication;
import org.finres.core.Actor;
import org.finres.core.ApiTokens;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.SizeTier;
import org.finres.core.TokenScope;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end ingestion of OTRF Windows events: HTTP NDJSON in, committed rows out, against two baselines measured
 * in the same run on the same machine: (a) a raw PostgreSQL COPY of the very rows the hub stored (same columns and
 * indexes, same batch size and concurrency) and (b) parsing the same JSON lines alone.
 */
public final class IngestionBenchmark {

    private static final int BATCH = 1_000;
    private static final int SENDERS = 4;

    public static void main(String[] args) throws Exception {
        int requested = OtrfCorpus.eventsRequested(200_000);
        System.out.printf("Loading up to %,d OTRF events...%n", requested);
        List<String> lines = OtrfCorpus.lines(requested);
        System.out.printf("Loaded %,d events (%.1f MB)%n", lines.size(),
                lines.stream().mapToLong(String::length).sum() / 1e6);

        double parseRate = parseRate(lines);

        Path dataDir = Files.createTempDirectory("finres-bench");
        try (ConfigurableApplicationContext hub = FinresApplication.start("--finres.database.data-dir=" + dataDir,
                "--finres.database.url=", "--server.port=0", "--finres.scheduling.enabled=false",
                "--logging.level.root=WARN", "--finres.database.pool-size=12")) {
            int port = hub.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            String warmupToken = institutionToken(hub, "bench-warmup");
            String token = institutionToken(hub, "bench-bank");
            List<byte[]> batches = batches(lines);

            System.out.println("Warming up the hub...");
            send(port, warmupToken, batches.subList(0, Math.min(4, batches.size())));

            System.out.printf("Sending %,d events in %d batches of %,d with %d concurrent senders...%n", lines.size(),
                    batches.size(), BATCH, SENDERS);
            long start = System.nanoTime();
            long accepted = send(port, token, batches);
            double ingestSeconds = (System.nanoTime() - start) / 1e9;
            double ingestRate = accepted / ingestSeconds;

            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            long stored = jdbc.sql("select count(*) from security_event where institution_id = 'bench-bank'")
                    .query(Long.class).single();
            if (stored != accepted) {
                throw new IllegalStateException("acknowledged " + accepted + " but stored " + stored);
            }
            double copyRate = rawCopyRate(hub.getBean(DataSource.class), jdbc);

            System.out.println();
            System.out.println("| measure | events/s | ratio |");
            System.out.println("| --- | --- | --- |");
            System.out.printf("| (b) JSON parsing alone, 1 thread | %,.0f | 1.00 |%n", parseRate);
            System.out.printf("| (a) raw COPY of the stored rows, %d connections | %,.0f | 1.00 |%n", SENDERS, copyRate);
            System.out.printf("| hub: HTTP NDJSON -> decode -> grade -> COPY -> commit | %,.0f | %.2f of (a), %.2f of (b) |%n",
                    ingestRate, ingestRate / copyRate, ingestRate / parseRate);
            System.out.printf("%,d events stored in %.1f s on %d cores%n", stored, ingestSeconds,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static double parseRate(List<String> lines) {
        JsonMapper json = JsonMapper.builder().build();
        double best = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long fields = 0;
            for (String line : lines) {
                fields += json.readTree(line).size();
            }
            double rate = lines.size() / ((System.nanoTime() - start) / 1e9);
            best = Math.max(best, rate);
            if (fields == 0) {
                throw new IllegalStateException("no fields parsed");
            }
        }
        return best;
    }

    private static String institutionToken(ConfigurableApplicationContext hub, String id) {
        Actor.SystemProcess bench = new Actor.SystemProcess("benchmark");
        hub.getBean(Institutions.class).create(bench, InstitutionId.of(id),
                new Institutions.Draft("Benchmark " + id, InstitutionKind.BANK, SizeTier.LARGE));
        return hub.getBean(ApiTokens.class).issue(bench, new ApiTokens.Draft(InstitutionId.of(id), "benchmark",
                Set.of(TokenScope.EVENTS_WRITE), Duration.ofDays(1))).secret();
    }

    private static List<byte[]> batches(List<String> lines) {
        List<byte[]> batches = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += BATCH) {
            batches.add(String.join("\n", lines.subList(from, Math.min(lines.size(), from + BATCH)))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return batches;
    }

    private static long send(int port, String token, List<byte[]> batches) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonMapper json = JsonMapper.builder().build();
        AtomicLong accepted = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(SENDERS)) {
            List<Future<?>> sent = new ArrayList<>();
            for (byte[] batch : batches) {
                sent.add(pool.submit(() -> {
                    for (int attempt = 0; ; attempt++) {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 202) {
                            accepted.addAndGet(json.readTree(response.body()).get("accepted").asLong());
                            return null;
                        }
                        if (response.statusCode() != 429 || attempt > 100) {
                            throw new IllegalStateException(response.statusCode() + ": " + response.body());
                        }
                        Thread.sleep(100);
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        return accepted.get();
    }

    /** COPY of the rows the hub stored into a plain table with the same columns and indexes. */
    private static double rawCopyRate(DataSource dataSource, JdbcClient jdbc) throws Exception {
        jdbc.sql("create table bench_copy (like security_event including defaults including indexes)").update();
        List<String> chunks = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(
                    "COPY (select * from security_event where institution_id = 'bench-bank') TO STDOUT", out);
            String all = out.toString(StandardCharsets.UTF_8);
            StringBuilder chunk = new StringBuilder();
            int rows = 0;
            for (String row : all.split("\n")) {
                chunk.append(row).append('\n');
                if (++rows == BATCH) {
                    chunks.add(chunk.toString());
                    chunk.setLength(0);
                    rows = 0;
                }
            }
            if (!chunk.isEmpty()) {
                chunks.add(chunk.toString());
            }
        }
        long rows = chunks.stream().mapToLong(s -> s.chars().filter(ch -> ch == '\n').count()).sum();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(SENDERS)) {
            List<Future<?>> copies = new ArrayList<>();
            for (String chunk : chunks) {
                copies.add(pool.submit(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        c.setAutoCommit(false);
                        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_copy FROM STDIN", new StringReader(chunk));
                        c.commit();
                    }
                    return null;
                }));
            }
            for (Future<?> f : copies) {
                f.get();
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private IngestionBenchmark() {
    }
}
