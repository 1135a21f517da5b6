package org.finres.cli.events;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the hub's event intake on a free loopback port, in the style of the CLI's StubHub: gunzips and
 * records every request's lines, and answers each with what the test's script says for that request number
 * (by default a 202 accepting every line).
 */
final class IntakeStub implements AutoCloseable {

    /** A request as received: its target, headers that matter and the NDJSON lines of its (gunzip'd) body. */
    record Request(String target, String authorization, String contentEncoding, String contentType,
                   List<String> lines) {
    }

    /** What to answer. */
    record Answer(int status, String body, Map<String, String> headers) {
    }

    interface Script {
        Answer answer(int requestNumber, List<String> lines);
    }

    static Answer accepted(List<String> lines) {
        return new Answer(202, "{\"accepted\":" + lines.size() + ",\"duplicates\":0,\"rejected\":0,\"rejections\":[]}",
                Map.of());
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Script script = (n, lines) -> accepted(lines);

    IntakeStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    IntakeStub script(Script script) {
        this.script = script;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Map<String, String> environment() {
        return Map.of("FINRES_HUB_URL", url(), "FINRES_TOKEN", "frs_abcdefghijklmnop_" + "x".repeat(43));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests answered, acknowledged or not. */
    int attempts() {
        return count.get();
    }

    /** Every line received, in order, over all requests. */
    List<String> lines() {
        return requests.stream().flatMap(r -> r.lines().stream()).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream body = new ByteArrayInputStream(raw);
        if ("gzip".equals(encoding)) {
            body = new GZIPInputStream(body);
        }
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = Arrays.stream(text.split("\n")).filter(l -> !l.isEmpty()).toList();
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        Answer answer = script.answer(count.incrementAndGet(), lines);
        if (answer.status() >= 200 && answer.status() < 300) {
            // Only acknowledged requests count as received, as on the hub (acknowledged after commit).
            requests.add(new Request(target, exchange.getRequestHeaders().getFirst("Authorization"), encoding,
                    exchange.getRequestHeaders().getFirst("Content-Type"), lines));
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                answer.status() >= 400 ? "application/problem+json" : "application/json");
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
