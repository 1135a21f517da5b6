package org.finres.resilience.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.finres.resilience.drill.plan.Workload;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the plan's transfers at its rate from one thread, each with a fresh client id, and remembers which the
 * service acknowledged (2xx) and when (nanoTime). A transfer that got no 2xx is not counted: the client was never
 * told it happened, so its absence afterwards is not a loss.
 */
final class WorkloadDriver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Workload workload;
    private final String prefix;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Long> acknowledged = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean stopping;
    private long sent;
    private long refused;

    WorkloadDriver(Workload workload, String runId) {
        this.workload = workload;
        this.prefix = "drill-" + runId + "-";
        this.thread = Thread.ofPlatform().name("drill-workload").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long periodNanos = (long) (1_000_000_000L / workload.ratePerSecond());
        long next = System.nanoTime();
        for (long n = 1; !stopping; n++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    return;
                }
            }
            next += periodNanos;
            String id = prefix + n;
            String body = JSON.writeValueAsString(JSON.createObjectNode().put("id", id).put("from", workload.from())
                    .put("to", workload.to()).put("amount", workload.amount().toPlainString()));
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(workload.transfers())
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                synchronized (this) {
                    sent++;
                    if (r.statusCode() / 100 == 2) {
                        acknowledged.put(id, System.nanoTime());
                    } else {
                        refused++;
                    }
                }
            } catch (IOException e) {
                synchronized (this) {
                    sent++;
                    refused++;
                }
            } catch (InterruptedException e) {
                return;
            }
            if (System.nanoTime() - next > 1_000_000_000L) {
                next = System.nanoTime(); // fell behind during an outage: do not burst to catch up
            }
        }
    }

    synchronized long acknowledgedCount() {
        return acknowledged.size();
    }

    synchronized Map<String, Long> acknowledged() {
        return new LinkedHashMap<>(acknowledged);
    }

    synchronized String totals() {
        return "sent " + sent + ", acknowledged " + acknowledged.size() + ", not acknowledged " + refused;
    }

    /** Stops sending and waits for the request in flight, so that the acknowledged set is final. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    /** The ids the reconciliation URL lists, or a reason it could not be read. */
    sealed interface Reconciliation {
        record Listed(Set<String> ids) implements Reconciliation { }

        record Unavailable(String reason) implements Reconciliation { }
    }

    Reconciliation reconcile(URI url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return new Reconciliation.Unavailable("GET " + url + " answered HTTP " + r.statusCode());
            }
            JsonNode root = JSON.readTree(r.body());
            JsonNode list = root != null && root.isObject() ? root.get("transfers") : root;
            if (list == null || !list.isArray()) {
                return new Reconciliation.Unavailable("GET " + url + " did not answer a list of transfers");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode t : list) {
                JsonNode id = t.isObject() ? t.get("id") : t;
                if (id != null && id.isString()) {
                    ids.add(id.asString());
                }
            }
            return new Reconciliation.Listed(ids);
        } catch (IOException | RuntimeException e) {
            return new Reconciliation.Unavailable("GET " + url + ": " + Checks.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reconciliation.Unavailable("interrupted");
        }
    }
}
