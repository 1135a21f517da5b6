package org.finres.intel.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.finres.core.AccessRefusedException;
import org.finres.core.CurrentActor;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.intel.EnvelopeRejectedException;
import org.finres.intel.IntelCollection;
import org.finres.intel.ObjectFilter;
import org.finres.intel.PostStatus;
import org.finres.intel.StatusDetail;
import org.finres.intel.StoredVersion;
import org.finres.intel.ThreatIntel;
import org.finres.intel.VersionSelection;
import org.finres.intel.internal.TaxiiProperties;
import org.finres.intel.internal.TaxiiTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TAXII 2.1 server: one API root, {@code /taxii2/sector/}. Envelopes are written around each object's exact
 * stored text, so what a member shared is what the others receive, byte for byte. A {@code @Controller} with
 * {@code @ResponseBody} rather than a {@code @RestController}, so that its errors are TAXII error message
 * resources (its own handlers below) and not the REST API's problem documents or the pages' error pages.
 */
@Controller
@ResponseBody
@Hidden
class TaxiiApi {

    private static final Logger log = LoggerFactory.getLogger(TaxiiApi.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ROOT = "/taxii2/sector/";
    private static final String COLLECTION = ROOT + "collections/{collection}/";

    private final ThreatIntel intel;
    private final TaxiiProperties properties;

    TaxiiApi(ThreatIntel intel, TaxiiProperties properties) {
        this.intel = intel;
        this.properties = properties;
    }

    @GetMapping({"/taxii2/", "/taxii2"})
    ResponseEntity<String> discovery(HttpServletRequest request) {
        String type = TaxiiMediaTypes.negotiate(request.getHeader(HttpHeaders.ACCEPT), false);
        intel.requireIntel(CurrentActor.get());
        String root = ServletUriComponentsBuilder.fromContextPath(request).path(ROOT).toUriString();
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("title", "FinRes sector threat-intelligence exchange")
                .put("description", "TAXII 2.1 server of the financial-sector hub: shared STIX 2.1 intelligence "
                        + "under TLP 2.0, early warnings and each member's inbox.")
                .put("contact", properties.contact())
                .put("default", root);
        body.putArray("api_roots").add(root);
        return ok(type, body);
    }

    @GetMapping({ROOT, "/taxii2/sector"})
    ResponseEntity<String> apiRoot(HttpServletRequest request) {
        String type = TaxiiMediaTypes.negotiate(request.getHeader(HttpHeaders.ACCEPT), false);
        intel.requireIntel(CurrentActor.get());
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("title", "Financial sector")
                .put("description", "Collections per community and TLP, the hub's early warnings, and each "
                        + "member's inbox.");
        body.putArray("versions").add(TaxiiMediaTypes.TAXII);
        body.put("max_content_length", properties.maxContentLength().toBytes());
        return ok(type, body);
    }

    @GetMapping({ROOT + "collections/", ROOT + "collections"})
    ResponseEntity<String> collections(HttpServletRequest request) {
        String type = TaxiiMediaTypes.negotiate(request.getHeader(HttpHeaders.ACCEPT), false);
        List<IntelCollection> all = intel.collections(CurrentActor.get());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (!all.isEmpty()) {
            ArrayNode list = body.putArray("collections");
            all.forEach(c -> list.add(collection(c)));
        }
        return ok(type, body);
    }

    @GetMapping({COLLECTION, ROOT + "collections/{collection}"})
    ResponseEntity<String> collection(HttpServletRequest request, @PathVariable String collection) {
        String type = TaxiiMediaTypes.negotiate(request.getHeader(HttpHeaders.ACCEPT), false);
        return ok(type, collection(intel.collection(CurrentActor.get(), collection)));
    }

    private static ObjectNode collection(IntelCollection c) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("id", c.id().toString()).put("title", c.title()).put("description", c.description())
                .put("alias", c.alias()).put("can_read", c.canRead()).put("can_write", c.canWrite());
        node.putArray("media_types").add(TaxiiMediaTypes.STIX);
        return node;
    }

    @GetMapping({COLLECTION + "objects/", COLLECTION + "objects"})
    ResponseEntity<String> objects(HttpServletRequest request, @PathVariable String collection) {
        String type = TaxiiMediaTypes.negotiate(request.getHeader(HttpHeaders.ACCEPT), true);
        ObjectFilter filter = filter(request, TaxiiFilters.COLLECTION, VersionSelection.LAST);
        ThreatIntel.Paged paged = intel.objects(CurrentActor.get(), collection, filter, ThreatIntel.Endpoint.OBJECTS);
        return envelope(type, paged);
    }

    @PostMapping({COLLECTION + "objects/", COLLECTION + "objects"})
    ResponseEntity<String> add(HttpServletRequest request, @PathVariable String collection) throws IOException {
        String type = TaxiiMediaTypes.negotiate(request.getHeader(HttpHeaders.ACCEPT), false);
        TaxiiMediaTypes.postedStix(request.getContentType());
        if (!request.getParameterMap().isEmpty()) {
            throw new InvalidInputException(request.getParameterMap().keySet().iterator().next(),
                    "is not a parameter of a POST; the objects go in the body");
        }
        intel.collection(CurrentActor.get(), collection);
        byte[] body = readBounded(request);
        PostStatus status = postRetryingDeadlocks(collection, body);
        return ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.CONTENT_TYPE, type).body(status(status));
    }

    /**
     * Concurrent posters can deadlock in PostgreSQL (the store's indexes, the analysis and the audit chain's head are
     * locked in the order each request reaches them); the loser's transaction is rolled back whole, so posting it
     * again is safe, and a client should not see a 500 for the database's choice of victim.
     */
    private PostStatus postRetryingDeadlocks(String collection, byte[] body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return intel.post(CurrentActor.get(), collection, body);
            } catch (org.springframework.dao.PessimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @GetMapping({COLLECTION + "objects/{object}/", COLLECTION + "objects/{object}"})
    ResponseEntity<String> object(HttpServletRequest request, @PathVariable String collection, @PathVariable String object) {
        String type = TaxiiMediaTypes.negotiate(request.getHeader(HttpHeaders.ACCEPT), true);
        ObjectFilter filter = filter(request, TaxiiFilters.ONE_OBJECT, VersionSelection.LAST);
        return envelope(type, intel.object(CurrentActor.get(), collection, objectId(object), filter,
                ThreatIntel.Endpoint.OBJECT));
    }

    @DeleteMapping({COLLECTION + "objects/{object}/", COLLECTION + "objects/{object}"})
    ResponseEntity<String> delete(HttpServletRequest request, @PathVariable String collection, @PathVariable String object) {
        String type = TaxiiMediaTypes.negotiate(request.getHeader(HttpHeaders.ACCEPT), false);
        // The specification's default for DELETE is every version; a client narrows it with match[version].
        ObjectFilter filter = filter(request, TaxiiFilters.DELETE, VersionSelection.ALL);
        intel.delete(CurrentActor.get(), collection, objectId(object), filter);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, type).build();
    }

    @GetMapping({COLLECTION + "objects/{object}/versions/", COLLECTION + "objects/{object}/versions"})
    ResponseEntity<String> versions(HttpServletRequest request, @PathVariable String collection, @PathVariable String object) {
        String type = TaxiiMediaTypes.negotiate(request.getHeader(HttpHeaders.ACCEPT), false);
        ObjectFilter filter = filter(request, TaxiiFilters.VERSIONS, VersionSelection.ALL);
        ThreatIntel.Paged paged = intel.object(CurrentActor.get(), collection, objectId(object), filter,
                ThreatIntel.Endpoint.VERSIONS);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("more", paged.page().more());
        if (paged.page().next() != null) {
            body.put("next", paged.page().next());
        }
        if (!paged.page().items().isEmpty()) {
            ArrayNode list = body.putArray("versions");
            paged.page().items().forEach(v -> list.add(v.version()));
        }
        return dated(type, paged.page().items()).body(JSON.writeValueAsString(body));
    }

    @GetMapping({COLLECTION + "manifest/", COLLECTION + "manifest"})
    ResponseEntity<String> manifest(HttpServletRequest request, @PathVariable String collection) {
        String type = TaxiiMediaTypes.negotiate(request.getHeader(HttpHeaders.ACCEPT), false);
        ObjectFilter filter = filter(request, TaxiiFilters.COLLECTION, VersionSelection.LAST);
        ThreatIntel.Paged paged = intel.objects(CurrentActor.get(), collection, filter, ThreatIntel.Endpoint.MANIFEST);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("more", paged.page().more());
        if (paged.page().next() != null) {
            body.put("next", paged.page().next());
        }
        if (!paged.page().items().isEmpty()) {
            ArrayNode list = body.putArray("objects");
            for (StoredVersion v : paged.page().items()) {
                list.addObject().put("id", v.id()).put("date_added", TaxiiTime.format(v.dateAdded()))
                        .put("version", v.version()).put("media_type", TaxiiMediaTypes.STIX);
            }
        }
        return dated(type, paged.page().items()).body(JSON.writeValueAsString(body));
    }

    @GetMapping({ROOT + "status/{status}/", ROOT + "status/{status}"})
    ResponseEntity<String> status(HttpServletRequest request, @PathVariable String status) {
        String type = TaxiiMediaTypes.negotiate(request.getHeader(HttpHeaders.ACCEPT), false);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, type)
                .body(status(intel.status(CurrentActor.get(), status)));
    }

    /** Known TAXII resources, for telling a wrong method (405) from a wrong path (404) in the catch-all below. */
    private static final java.util.regex.Pattern KNOWN = java.util.regex.Pattern.compile(
            "/taxii2/?|/taxii2/sector/?|/taxii2/sector/collections(/[^/]+(/objects(/[^/]+(/versions)?)?|/manifest)?)?/?"
                    + "|/taxii2/sector/status/[^/]+/?");

    /** Anything else under /taxii2/ also gets a TAXII error resource, not the pages' error document. */
    @org.springframework.web.bind.annotation.RequestMapping("/taxii2/**")
    ResponseEntity<String> elsewhere(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (KNOWN.matcher(path).matches()) {
            return TaxiiErrors.response(HttpStatus.METHOD_NOT_ALLOWED, request.getMethod() + " is not supported on " + path, null);
        }
        return TaxiiErrors.response(HttpStatus.NOT_FOUND, "no TAXII resource at " + path, null);
    }

    private ObjectFilter filter(HttpServletRequest request, java.util.Set<String> allowed, VersionSelection defaults) {
        return TaxiiFilters.read(request.getParameterMap(), allowed, properties.defaultPageSize(),
                properties.maxPageSize(), defaults);
    }

    private static String objectId(String object) {
        if (org.finres.stix.model.StixId.parseOrNull(object) == null) {
            throw new NotFoundException("object", object);
        }
        return object;
    }

    private byte[] readBounded(HttpServletRequest request) throws IOException {
        long max = properties.maxContentLength().toBytes();
        if (request.getContentLengthLong() > max) {
            throw new TaxiiRefusal(HttpStatus.CONTENT_TOO_LARGE, "the body of " + request.getContentLengthLong()
                    + " bytes is larger than the API root's max_content_length of " + max + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    throw new TaxiiRefusal(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than the API root's "
                            + "max_content_length of " + max + " bytes");
                }
            }
        }
        return out.toByteArray();
    }

    /** The envelope around the objects' exact stored text. */
    private static ResponseEntity<String> envelope(String type, ThreatIntel.Paged paged) {
        StringBuilder body = new StringBuilder(256).append("{\"more\":").append(paged.page().more());
        if (paged.page().next() != null) {
            body.append(",\"next\":").append(JSON.writeValueAsString(paged.page().next()));
        }
        List<StoredVersion> items = paged.page().items();
        if (!items.isEmpty()) {
            body.append(",\"objects\":[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    body.append(',');
                }
                body.append(items.get(i).json());
            }
            body.append(']');
        }
        body.append('}');
        return dated(type, items).body(body.toString());
    }

    private static ResponseEntity.BodyBuilder dated(String type, List<StoredVersion> items) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, type);
        if (!items.isEmpty()) {
            builder.header("X-TAXII-Date-Added-First", TaxiiTime.format(items.getFirst().dateAdded()))
                    .header("X-TAXII-Date-Added-Last", TaxiiTime.format(items.getLast().dateAdded()));
        }
        return builder;
    }

    private static String status(PostStatus s) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("id", s.id().toString()).put("status", "complete")
                .put("request_timestamp", TaxiiTime.format(s.requestTimestamp()))
                .put("total_count", s.totalCount()).put("success_count", s.successes().size());
        details(body.putArray("successes"), s.successes());
        body.put("failure_count", s.failures().size());
        details(body.putArray("failures"), s.failures());
        body.put("pending_count", 0);
        body.putArray("pendings");
        return JSON.writeValueAsString(body);
    }

    private static void details(ArrayNode array, List<StatusDetail> details) {
        for (StatusDetail d : details) {
            ObjectNode o = array.addObject().put("id", d.id()).put("version", d.version());
            if (d.message() != null) {
                o.put("message", d.message());
            }
        }
    }

    private static ResponseEntity<String> ok(String type, ObjectNode body) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, type).body(JSON.writeValueAsString(body));
    }

    // Errors: TAXII error message resources, always in the TAXII media type.

    @ExceptionHandler(TaxiiRefusal.class)
    ResponseEntity<String> refused(TaxiiRefusal e) {
        return TaxiiErrors.response(e.status(), e.getMessage(), null);
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<String> invalid(InvalidInputException e) {
        return TaxiiErrors.response(HttpStatus.BAD_REQUEST, e.getMessage(), e.field());
    }

    @ExceptionHandler(EnvelopeRejectedException.class)
    ResponseEntity<String> unprocessable(EnvelopeRejectedException e) {
        return TaxiiErrors.response(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), null);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<String> notFound(NotFoundException e) {
        return TaxiiErrors.response(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<String> forbidden(AccessRefusedException e) {
        return TaxiiErrors.response(HttpStatus.FORBIDDEN, e.getMessage(), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> failed(Exception e) {
        if (e.getClass().getSimpleName().equals("ClientAbortException")) {
            return null;
        }
        log.error("TAXII request failed", e);
        return TaxiiErrors.response(HttpStatus.INTERNAL_SERVER_ERROR, "the server could not complete the request", null);
    }
}
