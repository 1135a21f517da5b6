package org.finres.credit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The hub's API over real HTTP with one token: Bearer for /api, Basic for TAXII, as members' clients call it. */
final class CreditHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    CreditHttp(int port, String token) {
        this.base = "http://localhost:" + port;
        this.token = token;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET()
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).header("Content-Type", contentType)
                .header("Accept", "application/json").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Shares through the share API and returns the summary. */
    JsonNode share(String query, String contentType, String body) throws Exception {
        HttpResponse<String> r = post("/api/v1/intel/share" + query, contentType, body);
        if (r.statusCode() != 200) throw new AssertionError("share answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    /** Posts STIX objects to a TAXII collection. */
    JsonNode taxii(String collection, String... objects) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/taxii2/sector/collections/" + collection + "/objects/"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"objects\":[" + String.join(",", objects) + "]}", StandardCharsets.UTF_8))
                .header("Content-Type", "application/taxii+json;version=2.1").header("Accept", "application/taxii+json;version=2.1")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("taxii:" + token).getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) throw new AssertionError("TAXII POST answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static String indicator(String id, String domain, String... labels) {
        String l = labels.length == 0 ? "" : ",\"labels\":[\"" + String.join("\",\"", labels) + "\"]";
        return """
                {"type":"indicator","spec_version":"2.1","id":"%s","created":"2026-11-30T01:00:00.000Z",
                 "modified":"2026-11-30T01:00:00.000Z","name":"credit test","pattern":"[domain-name:value = '%s']",
                 "pattern_type":"stix","valid_from":"2026-11-30T01:00:00Z"%s}""".formatted(id, domain, l);
    }

    static String newIndicatorId() {
        return "indicator--" + java.util.UUID.randomUUID();
    }
}
