package org.finres.intel.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** TAXII 2.1 error message resources: {@code title}, {@code description}, {@code http_status}, {@code details}. */
final class TaxiiErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TaxiiErrors() {
    }

    static ResponseEntity<String> response(HttpStatus status, String description, String field) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("title", status.getReasonPhrase())
                .put("description", description)
                .put("error_code", status.name().toLowerCase())
                .put("http_status", Integer.toString(status.value()));
        if (field != null) {
            body.putObject("details").put("parameter", field);
        }
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, TaxiiMediaTypes.TAXII)
                .body(JSON.writeValueAsString(body));
    }
}
