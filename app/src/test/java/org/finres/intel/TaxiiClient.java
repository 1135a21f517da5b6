package org.finres.intel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal TAXII 2.1 client speaking HTTP Basic with a FinRes token, as an independent client would. */
final class TaxiiClient {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String STIX = "application/stix+json;version=2.1";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    TaxiiClient(int port, String token) {
        this.base = "http://localhost:" + port;
        this.authorization = token == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(("taxii:" + token).getBytes(StandardCharsets.UTF_8));
    }

    static String root() {
        return "/taxii2/sector/";
    }

    static String objects(String collection) {
        return root() + "collections/" + collection + "/objects/";
    }

    /** A query string from name/value pairs, percent-encoded as HTTP libraries do. */
    static String query(String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parts.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(path, TAXII);
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(b);
    }

    HttpResponse<String> delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().header("Accept", TAXII));
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).header("Accept", TAXII);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    /** Posts an envelope of objects and returns the status resource (asserting the 202). */
    JsonNode postObjects(String collection, String... objects) throws Exception {
        HttpResponse<String> r = post(objects(collection), TAXII, "{\"objects\":[" + String.join(",", objects) + "]}");
        if (r.statusCode() != 202) {
            throw new AssertionError("POST answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    /** Every object text of an envelope, exactly as the server wrote it (split by the parser's offsets). */
    static List<String> objectTexts(String envelope) {
        List<String> out = new ArrayList<>();
        JsonNode objects = JSON.readTree(envelope).get("objects");
        if (objects != null) {
            objects.forEach(o -> out.add(JSON.writeValueAsString(o)));
        }
        return out;
    }
}
