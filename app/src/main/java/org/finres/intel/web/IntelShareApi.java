package org.finres.intel.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.intel.Attribution;
import org.finres.intel.IntelSharing;
import org.finres.intel.ShareFormat;
import org.finres.intel.ShareRequest;
import org.finres.intel.ShareSummary;
import org.finres.intel.internal.TaxiiProperties;
import org.finres.stix.Tlp;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sharing intelligence over REST: the body is the upload itself (a STIX bundle, a CSV of indicators or a MISP
 * JSON export, by {@code format} or Content-Type), the parameters say how to share it. Answers the summary.
 */
@RestController
@RequestMapping("/api/v1/intel")
@Tag(name = "Intel sharing", description = "Share STIX bundles, CSV indicator lists and MISP exports with the sector")
class IntelShareApi {

    private final IntelSharing sharing;
    private final TaxiiProperties properties;

    IntelShareApi(IntelSharing sharing, TaxiiProperties properties) {
        this.sharing = sharing;
        this.properties = properties;
    }

    /** A summary as the API shows it: TLP levels as TLP 2.0 writes them, outcomes in lower case. */
    record SummaryView(String id, Instant submittedAt, String institution, String submittedBy, String format,
                       String attribution, String tlp, String fileName, int accepted, int duplicates, int corroborations,
                       int withheld, int rejectedCount, List<ObjectView> objects, List<RejectionView> rejected) {
        static SummaryView of(ShareSummary s) {
            return new SummaryView(s.id().toString(), s.submittedAt(), s.institution().value(), s.submittedBy(),
                    s.format().code(), s.attribution().code(), s.tlp().level(), s.fileName(), s.accepted(), s.duplicates(),
                    s.corroborations(), s.withheld(), s.rejectedCount(),
                    s.objects().stream().map(o -> new ObjectView(o.id(), o.type(), o.collection(),
                            o.tlp() == null ? null : o.tlp().level(), o.outcome().name().toLowerCase(Locale.ROOT), o.detail())).toList(),
                    s.rejected().stream().map(r -> new RejectionView(r.location(), r.id(), r.reason())).toList());
        }
    }

    record ObjectView(String id, String type, String collection, String tlp, String outcome, String detail) {
    }

    record RejectionView(String location, String id, String reason) {
    }

    @PostMapping("/share")
    @Operation(summary = "Share a STIX bundle, CSV of indicators or MISP JSON export (the request body). "
            + "format=stix|csv|misp (else by Content-Type: application/stix+json, text/csv, application/json sniffed); "
            + "tlp for objects without one (default amber); attribution=named|anonymous; collection to override "
            + "routing by TLP; recipients=a,b to share with named institutions only.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The upload itself", required = true, content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv"),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/stix+json;version=2.1"),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json")})
    SummaryView share(@RequestParam(required = false) String format, @RequestParam(required = false) String tlp,
                      @RequestParam(required = false) String attribution, @RequestParam(required = false) String collection,
                      @RequestParam(required = false) String recipients,
                      @RequestParam(name = "file_name", required = false) String fileName,
                      HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))) {
            // The servlet container reads such a body as form fields, so the upload would arrive empty.
            throw new InvalidInputException("Content-Type", "'" + InvalidInputException.preview(type) + "' is a form, not an "
                    + "upload: send the file as the body (curl --data-binary @file) with Content-Type text/csv, "
                    + "application/json or application/stix+json");
        }
        byte[] body = readBounded(request);
        ShareFormat f = format(format, request.getContentType(), body);
        return SummaryView.of(sharing.share(CurrentActor.get(), new ShareRequest(f, body, tlp(tlp), attribution(attribution),
                collection, recipients(recipients), fileName)));
    }

    @GetMapping("/shares")
    @Operation(summary = "Your institution's uploads, newest first (the hub: every institution's).")
    List<SummaryView> shares(@RequestParam(defaultValue = "50") int limit) {
        return sharing.submissions(CurrentActor.get(), limit).stream().map(SummaryView::of).toList();
    }

    @GetMapping("/shares/{id}")
    @Operation(summary = "One upload's summary (only for the submitting institution and the hub).")
    SummaryView share(@PathVariable String id) {
        return SummaryView.of(sharing.submission(CurrentActor.get(), id));
    }

    static ShareFormat format(String format, String contentType, byte[] body) {
        if (format != null && !format.isBlank()) {
            return ShareFormat.of(format).orElseThrow(() -> new InvalidInputException("format",
                    "'" + InvalidInputException.preview(format) + "' is not one of stix, csv, misp"));
        }
        return ShareFormat.ofContent(contentType, body).orElseThrow(() -> new InvalidInputException("format",
                "cannot be told from Content-Type '" + InvalidInputException.preview(contentType)
                        + "'; send format=stix|csv|misp or application/stix+json, text/csv, application/json"));
    }

    static Tlp tlp(String tlp) {
        if (tlp == null || tlp.isBlank()) return null;
        String t = tlp.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("tlp:")) t = t.substring(4);
        if (t.equals("white")) t = "clear";
        if (t.equals("amber_strict") || t.equals("amber-strict")) t = "amber+strict";
        return Tlp.ofLevel(t).orElseThrow(() -> new InvalidInputException("tlp",
                "'" + InvalidInputException.preview(tlp) + "' is not one of clear, green, amber, amber+strict, red"));
    }

    static Attribution attribution(String attribution) {
        if (attribution == null || attribution.isBlank()) return null;
        return Attribution.of(attribution).orElseThrow(() -> new InvalidInputException("attribution",
                "'" + InvalidInputException.preview(attribution) + "' is not one of named, anonymous"));
    }

    static List<InstitutionId> recipients(String recipients) {
        if (recipients == null || recipients.isBlank()) return List.of();
        try {
            return Arrays.stream(recipients.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(InstitutionId::of).toList();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("recipients", "must be institution ids separated by commas: " + e.getMessage());
        }
    }

    private static ErrorResponseException tooLarge(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
        problem.setTitle("Content too large");
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
    }

    private byte[] readBounded(HttpServletRequest request) throws IOException {
        long max = properties.maxContentLength().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge("the body of " + request.getContentLengthLong() + " bytes is larger than the limit of " + max
                    + " bytes (finres.intel.taxii.max-content-length)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    throw tooLarge("the body is larger than the limit of " + max + " bytes (finres.intel.taxii.max-content-length)");
                }
            }
        }
        return out.toByteArray();
    }
}
