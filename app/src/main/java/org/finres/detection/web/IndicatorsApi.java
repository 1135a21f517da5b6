package org.finres.detection.web;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.finres.core.CurrentActor;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.detection.IndicatorUpload;
import org.finres.detection.Indicators;
import org.finres.detection.internal.DetectionProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The indicator list every event is matched against. */
@RestController
@RequestMapping("/api/v1/indicators")
@Tag(name = "Indicators", description = "IP, CIDR, domain, URL, hash and e-mail indicators matched against every event")
class IndicatorsApi {

    private final Indicators indicators;
    private final DetectionProperties properties;

    IndicatorsApi(Indicators indicators, DetectionProperties properties) {
        this.indicators = indicators;
        this.properties = properties;
    }

    record IndicatorPage(List<Indicators.IndicatorView> indicators, String next, int indexed) {
    }

    @GetMapping
    @Operation(summary = "Indicators, newest first; page on with `next` as `before`. type: ipv4, ipv6, cidr, domain, "
            + "url, md5, sha1, sha256, email; q: part of the value.")
    IndicatorPage list(@RequestParam(required = false) String type, @RequestParam(required = false) String q,
                       @RequestParam(required = false) String before, @RequestParam(required = false) String limit) {
        int size = AlertsApi.parseInt(limit, "limit", 100);
        List<Indicators.IndicatorView> page = indicators.list(CurrentActor.get(), type, q,
                before == null || before.isBlank() ? null : AlertsApi.parseLong(before, "before"), size);
        return new IndicatorPage(page, page.size() == size ? Long.toString(page.getLast().id()) : null,
                indicators.indexed());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.OK)
    @Operation(summary = "Upload indicators: CSV (type,value[,label], optional header), JSON Lines "
            + "({\"type\",\"value\",\"label\"}) or one value a line (type inferred); `format` forces one (csv, jsonl, "
            + "values). Bad lines are listed with their number and reason; good lines are kept.")
    IndicatorUpload upload(HttpServletRequest request, @RequestParam(required = false) String format,
                           @RequestParam(required = false) String source) throws IOException {
        byte[] body = BoundedBody.read(request, properties.maxUpload().toBytes());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "is not UTF-8 text");
        }
        return indicators.upload(CurrentActor.get(), text, format, source);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Retire an indicator: it stops matching; its sightings are kept.")
    void retire(@PathVariable String id) {
        long value;
        try {
            value = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("indicator", id);
        }
        indicators.retire(CurrentActor.get(), value);
    }
}
