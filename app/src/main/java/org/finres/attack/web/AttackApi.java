package org.finres.attack.web;

import java.io.IOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.finres.attack.AttackTechniques;
import org.finres.attack.CatalogueImport;
import org.finres.attack.NamedTechnique;
import org.finres.core.CurrentActor;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.stix.attack.TechniqueId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Import MITRE ATT&CK bundles and look techniques up. */
@RestController
@RequestMapping("/api/v1/attack")
@Tag(name = "ATT&CK", description = "MITRE ATT&CK techniques and tactics, imported from MITRE's STIX 2.1 bundles")
class AttackApi {

    private final AttackTechniques techniques;

    AttackApi(AttackTechniques techniques) {
        this.techniques = techniques;
    }

    record TechniqueView(String id, String name, String displayName, String domain, List<String> tactics, String url,
                         boolean deprecated, boolean revoked) {
        static TechniqueView of(NamedTechnique t) {
            return new TechniqueView(t.id().value(), t.name(), t.displayName(), t.domain(), t.tactics(), t.url(),
                    t.deprecated(), t.revoked());
        }
    }

    @PostMapping(path = "/catalogue", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/stix+json",
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Import an ATT&CK STIX 2.1 bundle (enterprise-attack.json, mobile-attack.json or "
            + "ics-attack.json as MITRE publishes them); replaces the techniques of the matrices it holds.")
    CatalogueImport importBundle(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() == 0) {
            throw new InvalidInputException("body", "is empty; send the bundle's JSON");
        }
        return techniques.importBundle(CurrentActor.get(), new BundleBody(request.getInputStream()));
    }

    @GetMapping("/catalogue")
    @Operation(summary = "The imports so far, newest first: which ATT&CK versions the hub names techniques from.")
    List<CatalogueImport> imports() {
        return techniques.imports(CurrentActor.get());
    }

    @GetMapping("/techniques")
    @Operation(summary = "Techniques whose id or name contains q (every current technique for none).")
    List<TechniqueView> search(@RequestParam(required = false) String q,
                               @RequestParam(defaultValue = "false") boolean includeRetired,
                               @RequestParam(defaultValue = "1000") int limit) {
        return techniques.search(CurrentActor.get(), q, includeRetired, limit).stream().map(TechniqueView::of).toList();
    }

    @GetMapping("/techniques/{id}")
    @Operation(summary = "One technique by its ATT&CK id (T1059.001).")
    TechniqueView technique(@PathVariable String id) {
        if (!TechniqueId.isValid(id)) {
            throw new InvalidInputException("id", "is not an ATT&CK technique id (T plus 4 digits, optionally .NNN): '"
                    + InvalidInputException.preview(id) + "'");
        }
        return techniques.technique(CurrentActor.get(), TechniqueId.of(id)).map(TechniqueView::of)
                .orElseThrow(() -> new NotFoundException("ATT&CK technique", TechniqueId.of(id).value()));
    }
}
