package org.finres.cli.remote;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An RFC 9457 problem document as the hub sends it for every failed request, or the closest equivalent built
 * from a response that is not one (a proxy's HTML error page, an empty body).
 *
 * @param status HTTP status
 * @param title  short summary ("Invalid input"), never null
 * @param detail what exactly is wrong; may be null
 * @param errors per-field errors of a 400; empty otherwise
 */
public record Problem(int status, String title, String detail, List<FieldError> errors) {

    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = List.copyOf(errors);
    }

    static Problem fromResponse(int status, String body) {
        String reason = reasonPhrase(status);
        if (body == null || body.isBlank()) {
            return new Problem(status, reason, null, List.of());
        }
        JsonNode json;
        try {
            json = HubClient.JSON.readTree(body);
        } catch (JacksonException notJson) {
            return new Problem(status, reason, "the response is not a problem document: " + preview(body), List.of());
        }
        if (!json.isObject()) {
            return new Problem(status, reason, preview(body), List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode error : json.path("errors")) {
            errors.add(new FieldError(Output.text(error.path("field")), Output.text(error.path("message"))));
        }
        String title = Output.text(json.path("title"));
        String detail = Output.text(json.path("detail"));
        return new Problem(status, title.isEmpty() ? reason : title, detail.isEmpty() ? null : detail, errors);
    }

    /** Prints "finres: Title (HTTP 400): detail" and, when they add to the detail, one line per field error. */
    void printTo(PrintWriter err) {
        StringBuilder line = new StringBuilder("finres: ").append(Output.printable(title)).append(" (HTTP ")
                .append(status).append(")");
        if (detail != null) {
            line.append(": ").append(Output.printable(detail));
        }
        err.println(line);
        // The hub's detail already is the message of a single field error; repeating it adds nothing.
        boolean onlyRepeatsDetail = errors.size() == 1 && errors.getFirst().message().equals(detail);
        if (!onlyRepeatsDetail) {
            for (FieldError error : errors) {
                err.println("  " + Output.printable(error.field()) + ": " + Output.printable(error.message()));
            }
        }
        if (status == 401) {
            err.println("  (the token comes from --token or FINRES_TOKEN)");
        }
    }

    private static String reasonPhrase(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    /** The start of a body that is not JSON, on one line: enough to recognise a proxy's or another server's page. */
    static String preview(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
