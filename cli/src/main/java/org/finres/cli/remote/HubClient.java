package org.finres.cli.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.finres.cli.FinresVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub's REST API over {@link HttpClient}. Every call either returns the response's JSON (a missing node for
 * an empty 204) or throws {@link HubRefused} (4xx) or {@link HubUnavailable} (unreachable, 5xx, not a hub).
 */
public final class HubClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Ordinary calls touch a handful of rows; a minute without an answer means the hub is stuck. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(1);
    /** An upload is parsed and stored in one request (a rule pack, an indicator list): give it longer. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

    private final URI hub;
    private final String token;
    private final HttpClient http;

    /**
     * @param hub   the hub's base address, e.g. {@code http://localhost:8080} (a path prefix is kept)
     * @param token the API token, sent as a bearer token
     */
    public HubClient(URI hub, String token) {
        this.hub = hub;
        this.token = token;
        // HTTP/1.1 because an h2c upgrade attempt buys nothing here; no redirects, which would carry the token
        // to wherever the redirect points.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI hub() {
        return hub;
    }

    public JsonNode get(String path) {
        return send("GET", path, null, CALL_TIMEOUT);
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, body, CALL_TIMEOUT);
    }

    /** A POST that may run long (walking the whole audit chain); {@code timeout} bounds the wait for the answer. */
    public JsonNode post(String path, JsonNode body, Duration timeout) {
        return send("POST", path, body, timeout);
    }

    /**
     * A POST whose body is not JSON (a YAML file, a zip, a text list), sent as given with its content type.
     */
    public JsonNode upload(String path, byte[] body, String contentType) {
        return sendBody("POST", path, new Body(HttpRequest.BodyPublishers.ofByteArray(body), contentType), UPLOAD_TIMEOUT);
    }

    public JsonNode put(String path, JsonNode body) {
        return send("PUT", path, body, CALL_TIMEOUT);
    }

    public JsonNode patch(String path, JsonNode body) {
        return send("PATCH", path, body, CALL_TIMEOUT);
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null, CALL_TIMEOUT);
    }

    /** A new empty JSON object for a request body. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A new empty JSON array, e.g. to print several answers as one document. */
    public static ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** One path segment, percent-encoded, so an id can never add path elements or a query. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query string ("?a=1&b=2") of the parameters that are not null; empty when all are. */
    public static String query(String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                parameters.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return parameters.isEmpty() ? "" : parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }

    /** A request body ready to send, with the content type that tells the hub how to read it. */
    private record Body(HttpRequest.BodyPublisher publisher, String contentType) {
    }

    private JsonNode send(String method, String path, JsonNode json, Duration timeout) {
        return sendBody(method, path, json == null ? null : new Body(HttpRequest.BodyPublishers.ofString(
                JSON.writeValueAsString(json), StandardCharsets.UTF_8), "application/json"), timeout);
    }

    private JsonNode sendBody(String method, String path, Body body, Duration timeout) {
        URI target = URI.create(hub.toString().replaceAll("/+$", "") + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "finres-cli/" + FinresVersion.current());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", body.contentType()).method(method, body.publisher());
        }
        HttpResponse<String> response = exchange(request.build(), timeout);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return json(response, target);
        }
        if (status >= 300 && status < 400) {
            throw new HubUnavailable(hub + " answered " + method + " " + path + " with a redirect (HTTP " + status
                    + " to " + response.headers().firstValue("Location").orElse("nowhere")
                    + "): is --hub the hub's own address, with the right http or https?", null);
        }
        Problem problem = Problem.fromResponse(status, response.body());
        if (status >= 400 && status < 500) {
            throw new HubRefused(problem);
        }
        throw new HubUnavailable(problem);
    }

    private HttpResponse<String> exchange(HttpRequest request, Duration timeout) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new HubUnavailable("the hub at " + hub + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            // HttpClient wraps the real reason (refused, unknown host) as the cause and leaves the message empty.
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw unreachable(reason instanceof UnresolvedAddressException ? "unknown host"
                    : reason.getMessage() != null ? reason.getMessage() : "connection refused", e);
        } catch (IOException e) {
            throw unreachable(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubUnavailable("interrupted while waiting for the hub at " + hub, e);
        }
    }

    private HubUnavailable unreachable(String reason, Exception cause) {
        return new HubUnavailable("cannot reach the hub at " + hub + " (" + reason + "). Is it running? Start one with "
                + "'finres serve', or point --hub or FINRES_HUB_URL at it.", cause);
    }

    private JsonNode json(HttpResponse<String> response, URI target) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new HubUnavailable(target + " answered HTTP " + response.statusCode() + " with something that is "
                    + "not JSON (" + Problem.preview(body) + "): is --hub the address of a FinRes hub?", e);
        }
    }
}
