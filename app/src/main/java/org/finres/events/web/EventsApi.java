package org.finres.events.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.InvalidInputException;
import org.finres.core.Permission;
import org.finres.events.InputFormat;
import org.finres.events.internal.intake.EventIntake;
import org.finres.events.internal.intake.IntakeGate;
import org.finres.events.internal.intake.IntakeProperties;
import org.finres.events.internal.intake.IntakeRecord;
import org.finres.events.internal.intake.IntakeResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP transport of the event plane. The sending institution is the token's, never the payload's; a batch
 * is answered 202 only after it is committed; a full intake answers 429 with Retry-After instead of queueing
 * without limit.
 */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Events", description = "Security events from member SOCs into the F-SOC event plane")
class EventsApi {

    /** Reads one array element at a time from a shared parser, so the rest of the array is not a trailing token. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final EventIntake intake;
    private final IntakeGate gate;
    private final IntakeProperties limits;

    EventsApi(EventIntake intake, IntakeGate gate, IntakeProperties limits) {
        this.intake = intake;
        this.gate = gate;
        this.limits = limits;
    }

    /** The batch's outcome as the sender sees it. */
    record Receipt(int accepted, int duplicates, int rejected, List<IntakeResult.Rejection> rejections) {
    }

    @PostMapping
    @Operation(summary = "Send a batch of events: NDJSON (one event per line), a JSON array, or text lines "
            + "(CEF, LEEF, syslog); gzip accepted. 202 after commit; 429 with Retry-After when the intake is full.")
    ResponseEntity<?> send(HttpServletRequest request, @RequestParam(required = false) String format)
            throws IOException, InterruptedException {
        Actor actor = CurrentActor.get();
        if (!actor.may(Permission.EVENTS_WRITE, actor.institutionId())) {
            throw new AccessRefusedException("sending events needs a token with the events:write scope");
        }
        InputFormat hint = format == null || format.isBlank() ? null : format(format);
        Optional<IntakeGate.Admission> admission = gate.tryAdmit();
        if (admission.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "the event intake is full; nothing of this batch was stored. Retry after "
                            + gate.retryAfterSeconds() + " s");
            problem.setTitle("Intake full");
            problem.setInstance(URI.create(request.getRequestURI()));
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(gate.retryAfterSeconds())).body(problem);
        }
        try (IntakeGate.Admission held = admission.get()) {
            byte[] body = readBody(request);
            List<IntakeRecord> records;
            try {
                records = split(body, request.getContentType(), hint);
            } catch (InvalidInputException e) {
                intake.deadLetter(actor.institutionId(), "http", e.getMessage(), body);
                throw e;
            }
            if (records.isEmpty()) {
                throw new InvalidInputException("body", "holds no events");
            }
            if (records.size() > limits.maxBatchEvents()) {
                return tooLarge(request, "the batch has " + records.size() + " events; at most "
                        + limits.maxBatchEvents() + " are accepted in one request");
            }
            IntakeResult result = intake.accept(actor.institutionId(), "http", records);
            Receipt receipt = new Receipt(result.accepted(), result.duplicates(), result.rejected(), result.rejections());
            if (result.rejected() == records.size() && result.accepted() + result.duplicates() == 0) {
                // Nothing usable: a client error, said as such; the input is kept in the dead-letter store.
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        "no event of the batch could be decoded; first reason: " + result.rejections().getFirst().reason());
                problem.setTitle("Undecodable events");
                problem.setInstance(URI.create(request.getRequestURI()));
                problem.setProperty("rejected", result.rejected());
                problem.setProperty("rejections", result.rejections());
                return ResponseEntity.badRequest().body(problem);
            }
            return ResponseEntity.accepted().body(receipt);
        } catch (BodyTooLarge e) {
            return tooLarge(request, e.getMessage());
        }
    }

    private static ResponseEntity<ProblemDetail> tooLarge(HttpServletRequest request, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
        problem.setTitle("Batch too large");
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    private static InputFormat format(String code) {
        return switch (code.strip().toLowerCase(Locale.ROOT)) {
            case "ocsf" -> InputFormat.OCSF_JSON;
            case "ecs" -> InputFormat.ECS_JSON;
            case "windows" -> InputFormat.WINDOWS_EVENT_JSON;
            case "cef" -> InputFormat.CEF;
            case "leef" -> InputFormat.LEEF;
            case "syslog", "rfc5424" -> InputFormat.SYSLOG_RFC5424;
            case "rfc3164" -> InputFormat.SYSLOG_RFC3164;
            case "json" -> InputFormat.OTHER_JSON;
            case "text" -> InputFormat.PLAIN_TEXT;
            default -> throw new InvalidInputException("format", "'" + InvalidInputException.preview(code)
                    + "' is not a format; use ocsf, ecs, windows, cef, leef, syslog, rfc3164, json or text, or leave it "
                    + "out to have each event's format recognised");
        };
    }

    private static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("the request body is larger than the limit of " + limit + " bytes (after decompression)");
        }
    }

    /** Reads the whole body, gunzipping when asked, and refuses more than the limit (zip bombs included). */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long max = limits.maxBody().toBytes();
        if (request.getContentLengthLong() > max) {
            throw new BodyTooLarge(max);
        }
        InputStream in = request.getInputStream();
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            try {
                in = new GZIPInputStream(in, 64 * 1024);
            } catch (ZipException e) {
                throw new InvalidInputException("body", "is declared gzip but is not: " + e.getMessage());
            }
        } else if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
            throw new InvalidInputException("Content-Encoding", "'" + InvalidInputException.preview(encoding)
                    + "' is not supported; use gzip or none");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > max) {
                    throw new BodyTooLarge(max);
                }
                out.write(buffer, 0, n);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new InvalidInputException("body", "gzip stream is corrupt or cut short: " + e.getMessage());
        }
        return out.toByteArray();
    }

    /**
     * A JSON array becomes one record per element; anything else one record per non-empty line (NDJSON, CEF, LEEF,
     * syslog lines).
     */
    static List<IntakeRecord> split(byte[] body, String contentType, InputFormat hint) {
        int first = 0;
        while (first < body.length && Character.isWhitespace(body[first])) {
            first++;
        }
        if (first < body.length && body[first] == '[') {
            return jsonArray(body, hint);
        }
        List<IntakeRecord> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i;
                if (end > start && body[end - 1] == '\r') {
                    end--;
                }
                if (end > start && !blank(body, start, end)) {
                    records.add(new IntakeRecord(java.util.Arrays.copyOfRange(body, start, end), hint));
                }
                start = i + 1;
            }
        }
        return records;
    }

    private static boolean blank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(body[i])) {
                return false;
            }
        }
        return true;
    }

    private static List<IntakeRecord> jsonArray(byte[] body, InputFormat hint) {
        List<IntakeRecord> records = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidInputException("body", "is not a JSON array");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new InvalidInputException("body", "JSON array is cut short");
                }
                JsonNode element = JSON.readTree(parser);
                records.add(new IntakeRecord(JSON.writeValueAsBytes(element), hint));
            }
            if (parser.nextToken() != null) {
                throw new InvalidInputException("body", "has data after the JSON array");
            }
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""));
        }
        return records;
    }
}
