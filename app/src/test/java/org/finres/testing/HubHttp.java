package org.finres.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to the hub under test with a bearer token, as a member's SOC tooling or the hub's own scripts send them. */
public record HubHttp(HttpClient http, int port) {

    public HttpResponse<String> get(String token, String path) throws IOException, InterruptedException {
        return send(request(token, path).GET());
    }

    public HttpResponse<String> delete(String token, String path) throws IOException, InterruptedException {
        return send(request(token, path).DELETE());
    }

    /** A JSON body. */
    public HttpResponse<String> post(String token, String path, String json) throws IOException, InterruptedException {
        return post(token, path, "application/json", json);
    }

    public HttpResponse<String> post(String token, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(request(token, path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String token, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
