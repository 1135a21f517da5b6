package org.finres.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the hub's HTTP API on a free loopback port: answers each "METHOD path" with a canned response
 * (404 problem for anything else) and records every request, so tests can check both what the CLI sent and
 * what it makes of any answer, including ones a real hub rarely gives.
 */
public final class StubHub implements AutoCloseable {

    /** A request as received; {@code target} is the raw path and query. */
    public record Request(String method, String target, String authorization, String contentType, String body) {
    }

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public StubHub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Environment variables pointing the CLI at this stub with a well-formed token. */
    public Map<String, String> environment() {
        return Map.of("FINRES_HUB_URL", url(), "FINRES_TOKEN", "frs_abcdefghijklmnop_" + "x".repeat(43));
    }

    public StubHub json(String method, String target, int status, String body) {
        return answer(method, target, status, "application/json", body, Map.of());
    }

    public StubHub problem(String method, String target, int status, String body) {
        return answer(method, target, status, "application/problem+json", body, Map.of());
    }

    public StubHub answer(String method, String target, int status, String contentType, String body,
                          Map<String, String> headers) {
        answers.put(method + " " + target, new Answer(status, contentType, body, headers));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(new Request(exchange.getRequestMethod(), target,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + target, new Answer(404,
                "application/problem+json", "{\"title\":\"Not found\",\"status\":404,\"detail\":\"no stub for "
                + exchange.getRequestMethod() + " " + target + "\"}", Map.of()));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
