package org.finres.intel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The share API over real HTTP with a Bearer token, as the CLI or a member's script calls it. */
final class ShareClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    ShareClient(int port, String token) {
        this.base = "http://localhost:" + port;
        this.token = token;
    }

    HttpResponse<String> share(String query, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/intel/share" + query))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Accept", "application/json").header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Shares and returns the summary, asserting the 200. */
    JsonNode shared(String query, String contentType, String body) throws Exception {
        HttpResponse<String> r = share(query, contentType, body);
        if (r.statusCode() != 200) throw new AssertionError("share answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The ids of the summary's objects with that outcome. */
    static java.util.List<String> ids(JsonNode summary, String outcome) {
        java.util.List<String> out = new java.util.ArrayList<>();
        summary.get("objects").forEach(o -> {
            if (o.get("outcome").asString().equals(outcome)) out.add(o.get("id").asString());
        });
        return out;
    }

    /** The id of the summary's object of that type whose stored text contains {@code fragment}, via TAXII. */
    static String unique() {
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
