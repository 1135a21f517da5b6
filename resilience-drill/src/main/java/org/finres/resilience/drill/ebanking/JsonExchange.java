package org.finres.resilience.drill.ebanking;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reading and answering one HTTP exchange in JSON, errors as RFC 9457 problem details. */
final class JsonExchange {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Transfers are a few hundred bytes; anything much larger is not one. */
    static final int MAX_BODY = 64 * 1024;

    private JsonExchange() {
    }

    /** The body, or null after answering 413 when it is too large. */
    static byte[] body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                problem(ex, 413, "request too large", "a request body is at most " + MAX_BODY + " bytes");
                return null;
            }
            return b;
        }
    }

    static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        send(ex, status, "application/json", JSON.writeValueAsBytes(body));
    }

    static void problem(HttpExchange ex, int status, String title, String detail) throws IOException {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        send(ex, status, "application/problem+json", JSON.writeValueAsBytes(p));
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
