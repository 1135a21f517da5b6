package org.finres.core.internal;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem documents from filters, where controller advice does not reach. */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"finres\", Basic realm=\"finres\"");
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/taxii2")) {
            // TAXII clients expect every error as a TAXII error message resource in the TAXII media type.
            var error = json.createObjectNode().put("title", status.getReasonPhrase()).put("description", detail)
                    .put("error_code", status.name().toLowerCase()).put("http_status", Integer.toString(status.value()));
            response.setStatus(status.value());
            // No charset parameter: TAXII clients compare the media type exactly; JSON is UTF-8 anyway.
            response.setContentType("application/taxii+json;version=2.1");
            response.getOutputStream().write(json.writeValueAsBytes(error));
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
