package org.finres.resilience.drill.ebanking;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The target's one address, like a virtual IP: a loopback HTTP router that asks every node for its role a few
 * times a second and forwards each request to the primary with the highest epoch. With no primary reachable it
 * answers 503, which is what the drill's probes see between the kill and the standby's promotion.
 */
public final class FrontRouter implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private final List<URI> nodes;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private final HttpServer server;
    private volatile URI primary;

    private FrontRouter(int port, List<URI> nodes) {
        this.nodes = List.copyOf(nodes);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("the front router cannot listen on 127.0.0.1:" + port, e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::forward);
        server.createContext("/router", this::status);
    }

    public static FrontRouter start(int port, List<URI> nodes) {
        FrontRouter r = new FrontRouter(port, nodes);
        r.server.start();
        r.poller.scheduleWithFixedDelay(r::findPrimary, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The node requests go to now, or null. */
    public URI primary() {
        return primary;
    }

    private void findPrimary() {
        URI best = null;
        long bestEpoch = -1;
        for (URI n : nodes) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(n.resolve("/role"))
                        .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
                JsonNode role = JsonExchange.JSON.readTree(r.body());
                if (r.statusCode() == 200 && role.get("role").asString().equals("primary")
                        && role.get("epoch").asLong() > bestEpoch) {
                    best = n;
                    bestEpoch = role.get("epoch").asLong();
                }
            } catch (IOException | RuntimeException e) {
                // down or not answering: not a candidate
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        primary = best;
    }

    private void status(HttpExchange ex) throws IOException {
        URI p = primary;
        var n = JsonNodeFactory.instance.objectNode().put("primary", p == null ? null : p.toString());
        var list = n.putArray("nodes");
        nodes.forEach(u -> list.add(u.toString()));
        JsonExchange.reply(ex, 200, n);
    }

    private void forward(HttpExchange ex) throws IOException {
        URI p = primary;
        if (p == null) {
            JsonExchange.problem(ex, 503, "no primary", "no e-banking node is primary right now (failover in "
                    + "progress?)");
            return;
        }
        byte[] body = JsonExchange.body(ex);
        if (body == null) {
            return;
        }
        URI target = p.resolve(ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()));
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpResponse<byte[]> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            if (primary == p) {
                primary = null;
            }
            JsonExchange.problem(ex, 502, "primary unreachable", "the primary " + p + " did not answer: "
                    + e.getClass().getSimpleName());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            JsonExchange.problem(ex, 503, "router stopping", "the front router is stopping");
            return;
        }
        JsonExchange.send(ex, r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/json"),
                r.body());
    }

    @Override
    public void close() {
        poller.shutdownNow();
        server.stop(0);
        handlers.shutdownNow();
    }
}
