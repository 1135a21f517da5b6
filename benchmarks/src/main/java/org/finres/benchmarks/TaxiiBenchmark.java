package org.finres.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.finres.FinresApplication;
import org.finres.core.Actor;
import org.finres.core.ApiTokens;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.SizeTier;
import org.finres.core.TokenScope;
import org.finres.stix.StixBundleReader;
import org.finres.stix.StixValidator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The TAXII 2.1 server at scale ({@code -Dbench.objects}, default 1,000,000 indicators in one collection):
 * POST ingestion in objects/s against reading and validating the same objects alone (same run), a paged read
 * of the whole collection with {@code next} in objects/s against a raw SQL scan of the same rows, and the
 * latency of the last page against the first (keyset paging: the ratio should be close to 1).
 */
public final class TaxiiBenchmark {

    private static final int BATCH = 1_000;
    private static final int PAGE = 1_000;
    private static final int SENDERS = 2;
    private static final int PROGRESS_EVERY = 100_000;
    private static final int LATENCY_ROUNDS = 30;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int objects = Integer.getInteger("bench.objects", 1_000_000);
        List<String> envelopes = envelopes(objects);
        double validateRate = validateRate(envelopes);

        Path dataDir = Files.createTempDirectory("finres-bench-taxii");
        try (ConfigurableApplicationContext hub = FinresApplication.start("--finres.database.data-dir=" + dataDir,
                "--finres.database.url=", "--server.port=0", "--finres.scheduling.enabled=false",
                "--logging.level.root=WARN", "--finres.database.pool-size=12", "--finres.detection.enabled=false")) {
            int port = hub.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            String token = token(hub, "bench-taxii");
            String collection = "inbox-bench-taxii";
            String base = "http://127.0.0.1:" + port + "/taxii2/sector/collections/" + collection + "/objects/";
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String auth = "Basic " + Base64.getEncoder().encodeToString(("bench:" + token).getBytes(StandardCharsets.UTF_8));

            System.out.printf("POSTing %,d indicators in envelopes of %,d with %d senders...%n", objects, BATCH, SENDERS);
            long start = System.nanoTime();
            long added = post(http, auth, base, envelopes);
            double postSeconds = (System.nanoTime() - start) / 1e9;
            if (added != objects) {
                throw new IllegalStateException("posted " + objects + " but " + added + " were stored");
            }
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            // The automated analysis examines every stored indicator in the background (ADR 027); it is timed
            // from the end of the POSTs until its queue is empty, so that reading is measured on a quiet hub.
            System.out.println("Waiting for the automated analysis to examine every indicator...");
            long drainStart = System.nanoTime();
            long queued;
            long lastShown = -1;
            while ((queued = jdbc.sql("select count(*) from intel_analysis_queue").query(Long.class).single()) > 0) {
                if (lastShown < 0 || lastShown - queued >= PROGRESS_EVERY) {
                    System.out.printf("  %,d still queued%n", queued);
                    lastShown = queued;
                }
                Thread.sleep(1_000);
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            long examined = jdbc.sql("select count(*) from intel_analysis_indicator").query(Long.class).single();
            jdbc.sql("vacuum analyze intel_object").update();

            System.out.println("Reading the whole collection page by page...");
            start = System.nanoTime();
            long read = 0;
            String next = null;
            String lastPageCursor = null;
            do {
                HttpResponse<String> r = get(http, auth, base + "?limit=" + PAGE + (next == null ? "" : "&next=" + enc(next)));
                JsonNode page = JSON.readTree(r.body());
                read += page.has("objects") ? page.get("objects").size() : 0;
                if (page.get("more").booleanValue()) {
                    lastPageCursor = next;
                    next = page.get("next").stringValue();
                } else {
                    lastPageCursor = next;
                    next = null;
                }
            } while (next != null);
            double readSeconds = (System.nanoTime() - start) / 1e9;
            if (read != objects) {
                throw new IllegalStateException("read " + read + " of " + objects);
            }

            long rawStart = System.nanoTime();
            long rawBytes = jdbc.sql("select sum(length(body)) from (select body from intel_object order by collection_id, date_added, seq) o")
                    .query(Long.class).single();
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

            String firstUrl = base + "?limit=" + PAGE;
            String lastUrl = lastPageCursor == null ? firstUrl : base + "?limit=" + PAGE + "&next=" + enc(lastPageCursor);
            double[] latency = medianMillis(http, auth, firstUrl, lastUrl);
            double first = latency[0];
            double last = latency[1];
            // The plan of the last page's key query, as the store runs it (index-only keyset scan, no OFFSET).
            List<String> plan = jdbc.sql("""
                    explain (analyze, buffers) select seq from intel_object
                    where collection_id = (select id from intel_collection where alias = :alias)
                      and (date_added, seq) > (select date_added, seq from intel_object order by date_added desc, seq desc
                                               offset :page limit 1)
                      and is_last and ((scope = 'community' and tlp in ('CLEAR', 'GREEN', 'AMBER'))
                           or submitter = 'bench-taxii' or 'bench-taxii' = any(recipients))
                    order by date_added, seq limit :limit
                    """).param("alias", collection).param("page", PAGE).param("limit", PAGE + 1)
                    .query(String.class).list();

            System.out.println();
            System.out.println("| measure | objects/s | ratio |");
            System.out.println("| --- | --- | --- |");
            System.out.printf("| read + validate the same objects alone, 1 thread | %,.0f | 1.00 |%n", validateRate);
            System.out.printf("| TAXII POST: HTTP -> read -> validate -> store -> commit, %d senders | %,.0f | %.2f |%n",
                    SENDERS, objects / postSeconds, objects / postSeconds / validateRate);
            System.out.printf("| raw SQL scan of the stored bodies in keyset order (%,.0f MB) | %,.0f | 1.00 |%n",
                    rawBytes / 1e6, objects / rawSeconds);
            System.out.printf("| TAXII paged read, limit %,d, following next | %,.0f | %.2f |%n", PAGE, objects / readSeconds,
                    rawSeconds / readSeconds);
            System.out.printf("Analysis queue empty %.1f s after the last POST; %,d indicators examined%n",
                    drainSeconds, examined);
            System.out.printf("First page %.1f ms, last page %.1f ms (median of %d): last/first = %.2f%n", first, last,
                    LATENCY_ROUNDS, last / first);
            System.out.printf("%,d objects on %d cores%n", objects, Runtime.getRuntime().availableProcessors());
            System.out.println("Last page's key query:");
            plan.forEach(line -> System.out.println("  " + line));
        }
    }

    /** Envelopes of distinct indicators, each a new id. */
    private static List<String> envelopes(int objects) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        int inBatch = 0;
        for (int i = 0; i < objects; i++) {
            b.append(inBatch == 0 ? "{\"objects\":[" : ",");
            b.append("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--").append(UUID.randomUUID())
                    .append("\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\",")
                    .append("\"name\":\"C2 ").append(i).append("\",\"indicator_types\":[\"malicious-activity\"],")
                    .append("\"pattern\":\"[ipv4-addr:value = '10.").append((i >> 16) & 255).append('.')
                    .append((i >> 8) & 255).append('.').append(i & 255).append("']\",\"pattern_type\":\"stix\",")
                    .append("\"valid_from\":\"2026-01-01T00:00:00Z\",\"object_marking_refs\":")
                    .append("[\"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb\"]}");
            if (++inBatch == BATCH || i == objects - 1) {
                out.add(b.append("]}").toString());
                b.setLength(0);
                inBatch = 0;
            }
        }
        return out;
    }

    private static double validateRate(List<String> envelopes) {
        StixValidator validator = new StixValidator();
        long start = System.nanoTime();
        long n = 0;
        for (String envelope : envelopes) {
            String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\"," + envelope.substring(1);
            for (var object : StixBundleReader.read(bundle).objects()) {
                if (!validator.validate(object).isEmpty()) {
                    throw new IllegalStateException("invalid benchmark object " + object.id());
                }
                n++;
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static long post(HttpClient http, String auth, String url, List<String> envelopes) throws Exception {
        AtomicLong added = new AtomicLong();
        AtomicLong envelopesDone = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(SENDERS)) {
            List<Future<?>> sent = new ArrayList<>();
            for (String envelope : envelopes) {
                sent.add(pool.submit(() -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", auth).header("Accept", "application/taxii+json;version=2.1")
                            .header("Content-Type", "application/taxii+json;version=2.1").timeout(Duration.ofMinutes(2))
                            .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 202) {
                        throw new IllegalStateException(r.statusCode() + ": " + r.body());
                    }
                    long total = added.addAndGet(JSON.readTree(r.body()).get("success_count").asLong());
                    if (envelopesDone.incrementAndGet() % (PROGRESS_EVERY / BATCH) == 0) {
                        System.out.printf("  %,d stored%n", total);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        return added.get();
    }

    private static HttpResponse<String> get(HttpClient http, String auth, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Accept", "application/taxii+json;version=2.1").timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + ": " + r.body());
        }
        return r;
    }

    /** Median latencies of the two pages, measured alternately so that warm-up and load affect both alike. */
    private static double[] medianMillis(HttpClient http, String auth, String firstUrl, String lastUrl) throws Exception {
        get(http, auth, firstUrl);
        get(http, auth, lastUrl);
        double[] first = new double[LATENCY_ROUNDS];
        double[] last = new double[LATENCY_ROUNDS];
        for (int i = 0; i < LATENCY_ROUNDS; i++) {
            long t = System.nanoTime();
            get(http, auth, firstUrl);
            first[i] = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            get(http, auth, lastUrl);
            last[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(first);
        Arrays.sort(last);
        return new double[]{first[LATENCY_ROUNDS / 2], last[LATENCY_ROUNDS / 2]};
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String token(ConfigurableApplicationContext hub, String id) {
        Actor.SystemProcess bench = new Actor.SystemProcess("benchmark");
        hub.getBean(Institutions.class).create(bench, InstitutionId.of(id),
                new Institutions.Draft("Benchmark " + id, InstitutionKind.BANK, SizeTier.LARGE));
        return hub.getBean(ApiTokens.class).issue(bench, new ApiTokens.Draft(InstitutionId.of(id), "benchmark",
                Set.of(TokenScope.INTEL_WRITE), Duration.ofDays(1))).secret();
    }
}
