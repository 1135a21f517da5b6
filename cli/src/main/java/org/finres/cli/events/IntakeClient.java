package org.finres.cli.events;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.finres.cli.ExitStatus;
import org.finres.cli.FinresVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts batches to {@code /api/v1/events}. Waits out 429 (as long as Retry-After says, capped) and backs off
 * exponentially on 5xx and connection failures, a bounded number of times each; then gives up with
 * {@link IntakeFailed}. Resending a batch is safe because the hub derives event ids from their content.
 */
final class IntakeClient implements EventSink {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A full batch is committed before the answer; a few minutes without one means the hub is stuck. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final String token;
    private final int retries;
    private final Duration backoff;
    private final Consumer<String> notice;
    private final HttpClient http;

    /**
     * @param hub     the hub's base address
     * @param format  the {@code format} query parameter, or null to let the hub detect it per record
     * @param retries how often one batch is retried after 429, 5xx or a connection failure
     * @param backoff the first wait after a 5xx or connection failure; doubled each time
     * @param notice  where waits are announced (stderr)
     */
    IntakeClient(URI hub, String token, String format, int retries, Duration backoff, Consumer<String> notice) {
        this.endpoint = URI.create(hub.toString().replaceAll("/+$", "") + "/api/v1/events"
                + (format == null ? "" : "?format=" + URLEncoder.encode(format, StandardCharsets.UTF_8)));
        this.token = token;
        this.retries = retries;
        this.backoff = backoff;
        this.notice = notice;
        // No redirects: they would carry the token to wherever they point.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Sends one batch until the hub acknowledges it. A 400 (nothing in the batch decodes) is an answer, not a
     * failure: every event of the batch counts as rejected with the hub's reason, and the run goes on.
     */
    @Override
    public Acknowledgement send(Batch batch) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson")
                .header("Content-Encoding", "gzip")
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "finres-cli/" + FinresVersion.current())
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body())).build();
        Duration nextBackoff = backoff;
        for (int attempt = 0; ; attempt++) {
            boolean lastAttempt = attempt >= retries;
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                String reason = e.getMessage() != null ? e.getMessage()
                        : e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                        : e.getClass().getSimpleName();
                if (lastAttempt) {
                    throw new IntakeFailed(ExitStatus.UNAVAILABLE, "cannot reach the hub at " + endpoint + " ("
                            + reason + ") after " + (attempt + 1) + " attempts. Is it running? Rerun the same "
                            + "command to continue where it stopped.", e);
                }
                nextBackoff = pause(nextBackoff, "cannot reach the hub (" + reason + ")");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IntakeFailed(ExitStatus.UNAVAILABLE, "interrupted while sending to " + endpoint, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return acknowledgement(response.body(), batch);
            }
            if (status == 400) {
                String reason = problem(status, response.body());
                // One line for the whole batch: the hub said why once, repeating it per event adds nothing.
                return new Acknowledgement(0, 0, batch.events(),
                        List.of(new Acknowledgement.Rejection(0, "the whole batch from here was refused: " + reason)));
            }
            if (status == 429) {
                if (lastAttempt) {
                    throw new IntakeFailed(ExitStatus.UNAVAILABLE, "the hub's intake stayed full (HTTP 429) through "
                            + (attempt + 1) + " attempts; rerun later to continue where it stopped", null);
                }
                Duration wait = retryAfter(response).orElse(nextBackoff);
                sleep(wait, "the hub's intake is full (HTTP 429)");
                continue;
            }
            if (status == 413) {
                throw new IntakeFailed(ExitStatus.REFUSED, problem(status, response.body())
                        + "; send smaller batches with --batch", null);
            }
            if (status >= 300 && status < 500) {
                throw new IntakeFailed(ExitStatus.REFUSED, problem(status, response.body())
                        + (status == 401 || status == 403 ? " (the token needs the events:write scope; it comes "
                        + "from --token or FINRES_TOKEN)" : ""), null);
            }
            if (lastAttempt) {
                throw new IntakeFailed(ExitStatus.UNAVAILABLE, problem(status, response.body()) + " after "
                        + (attempt + 1) + " attempts; rerun the same command to continue where it stopped", null);
            }
            nextBackoff = pause(nextBackoff, "the hub answered HTTP " + status);
        }
    }

    private Duration pause(Duration wait, String why) {
        sleep(wait, why);
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : doubled;
    }

    private void sleep(Duration wait, String why) {
        notice.accept(why + "; retrying in " + Math.max(0, wait.toMillis()) / 1000.0 + " s");
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeFailed(ExitStatus.UNAVAILABLE, "interrupted while waiting to resend", e);
        }
    }

    /** Retry-After in seconds or as an HTTP date, capped so that a confused proxy cannot park the run for hours. */
    static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).flatMap(value -> {
            Duration wait;
            try {
                wait = Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException notSeconds) {
                try {
                    wait = Duration.between(Instant.now(),
                            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                } catch (DateTimeParseException neither) {
                    return java.util.Optional.empty();
                }
            }
            if (wait.isNegative()) {
                wait = Duration.ZERO;
            }
            return java.util.Optional.of(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
        });
    }

    private Acknowledgement acknowledgement(String body, Batch batch) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw new IntakeFailed(ExitStatus.UNAVAILABLE, endpoint + " answered with something that is not JSON: "
                    + "is --hub the address of a FinRes hub?", e);
        }
        if (json == null || !json.has("accepted")) {
            throw new IntakeFailed(ExitStatus.UNAVAILABLE, endpoint + " answered without an acknowledgement "
                    + "(no 'accepted'): is --hub the address of a FinRes hub?", null);
        }
        List<Acknowledgement.Rejection> rejections = new ArrayList<>();
        for (JsonNode rejection : json.path("rejections")) {
            rejections.add(new Acknowledgement.Rejection(rejection.path("index").asInt(-1),
                    rejection.path("reason").asString("")));
        }
        return new Acknowledgement(json.path("accepted").asLong(), json.path("duplicates").asLong(),
                json.path("rejected").asLong(), rejections);
    }

    private static String problem(int status, String body) {
        String text = "HTTP " + status;
        try {
            JsonNode json = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            String title = json.path("title").asString("");
            String detail = json.path("detail").asString("");
            return (title.isEmpty() ? text : title + " (" + text + ")") + (detail.isEmpty() ? "" : ": " + detail);
        } catch (JacksonException notJson) {
            String oneLine = body.strip().replaceAll("\\s+", " ");
            return text + ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
        }
    }

    @Override
    public boolean receipts() {
        return true;
    }
}
