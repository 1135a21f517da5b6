package org.finres.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** One browser-like visitor of the UI: a cookie jar, the page's CSRF token, and no automatic redirects. */
public final class WebVisitor {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final int port;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String language;
    private String csrf;

    public WebVisitor(int port, String language) {
        this.port = port;
        this.language = language;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        if (csrf == null) {
            get("/login");
        }
        Map<String, String> all = new LinkedHashMap<>(form);
        all.put("_csrf", csrf);
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpRequest withLanguage = HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Accept-Language", language)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").build();
        HttpResponse<String> response = http.send(withLanguage, HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    public void login(String username) throws IOException, InterruptedException {
        get("/login");
        HttpResponse<String> done = post("/login", Map.of("username", username, "password", TestSector.PASSWORD));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        // The session id changes at login, and with it the CSRF token.
        get("/");
    }
}
