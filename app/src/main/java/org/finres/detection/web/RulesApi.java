package org.finres.detection.web;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.NotFoundException;
import org.finres.detection.RuleCatalogue;
import org.finres.detection.RuleEntry;
import org.finres.detection.RuleFile;
import org.finres.detection.RuleImport;
import org.finres.detection.RuleScope;
import org.finres.detection.RuleVersion;
import org.finres.detection.internal.DetectionProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rule catalogue: upload files or zipped folders of Sigma rules, list, read versions, enable, disable. */
@RestController
@RequestMapping("/api/v1/detection/rules")
@Tag(name = "Detection rules", description = "The Sigma rule catalogue the hub evaluates on the event stream")
class RulesApi {

    private final RuleCatalogue catalogue;
    private final DetectionProperties properties;

    RulesApi(RuleCatalogue catalogue, DetectionProperties properties) {
        this.catalogue = catalogue;
        this.properties = properties;
    }

    record RuleView(UUID id, String key, String scope, String institution, String documentType, String title,
                    String level, boolean enabled, int version, String origin, Instant updatedAt, String updatedBy,
                    String status, String problem) {
        static RuleView of(RuleEntry e) {
            return new RuleView(e.id(), e.key(), e.scope().code(), e.institution() == null ? null : e.institution().value(),
                    e.documentType(), e.title(), e.level(), e.enabled(), e.version(), e.origin(), e.updatedAt(),
                    e.updatedBy(), e.status(), e.problem());
        }
    }

    @GetMapping
    @Operation(summary = "The catalogue's documents you may read, with how the running engine took each one "
            + "(loaded, inactive, failed, unsupported, disabled, pending).")
    List<RuleView> list(@RequestParam(required = false) String scope, @RequestParam(required = false) String institution) {
        return catalogue.list(CurrentActor.get(), scope == null || scope.isBlank() ? null : RuleScope.fromCode(scope),
                institution == null || institution.isBlank() ? null : InstitutionId.of(institution.strip()))
                .stream().map(RuleView::of).toList();
    }

    @PostMapping
    @Operation(summary = "Upload rules: a YAML file (application/yaml or text/plain; `name` names it in errors) "
            + "or a zip of a SigmaHQ-style folder (application/zip; every .yml/.yaml inside). scope: hub (default), "
            + "institution (with `institution`) or sector. Each document is created, updated to a new version or "
            + "left unchanged; every problem is listed with file:line and the others are kept.")
    RuleImport upload(HttpServletRequest request, @RequestParam(required = false) String scope,
                      @RequestParam(required = false) String institution, @RequestParam(required = false) String name)
            throws IOException {
        RuleScope s = scope == null || scope.isBlank() ? RuleScope.HUB : RuleScope.fromCode(scope);
        InstitutionId owner = institution == null || institution.isBlank() ? null : InstitutionId.of(institution.strip());
        byte[] body = BoundedBody.read(request, properties.maxUpload().toBytes());
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        RuleArchive archive = new RuleArchive(properties.maxUpload().toBytes());
        String fileName = name == null || name.isBlank() ? "upload.yml" : name.strip();
        List<RuleFile> files = type.startsWith("application/zip") || type.startsWith("application/x-zip")
                ? archive.unzip(body) : List.of(new RuleFile(fileName, RuleArchive.utf8(body, fileName)));
        return catalogue.importFiles(CurrentActor.get(), s, owner, files, "upload");
    }

    @GetMapping("/{id}")
    @Operation(summary = "One catalogue document in its current version.")
    RuleView get(@PathVariable String id) {
        return RuleView.of(catalogue.get(CurrentActor.get(), ruleId(id)));
    }

    @GetMapping("/{id}/versions")
    @Operation(summary = "Every version of a document, newest first, with its YAML as uploaded.")
    List<RuleVersion> versions(@PathVariable String id) {
        return catalogue.versions(CurrentActor.get(), ruleId(id));
    }

    @PostMapping("/{id}/enable")
    @Operation(summary = "Enable a document; the engine is rebuilt.")
    RuleView enable(@PathVariable String id) {
        return RuleView.of(catalogue.setEnabled(CurrentActor.get(), ruleId(id), true));
    }

    @PostMapping("/{id}/disable")
    @Operation(summary = "Disable a document; the engine is rebuilt.")
    RuleView disable(@PathVariable String id) {
        return RuleView.of(catalogue.setEnabled(CurrentActor.get(), ruleId(id), false));
    }

    private static UUID ruleId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("detection_rule", id);
        }
    }
}
