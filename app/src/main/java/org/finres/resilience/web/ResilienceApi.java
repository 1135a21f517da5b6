package org.finres.resilience.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.resilience.MonteCarloJob;
import org.finres.resilience.OperationKind;
import org.finres.resilience.RegisterFormat;
import org.finres.resilience.ResilienceAnalyses;
import org.finres.resilience.ResilienceDrills;
import org.finres.resilience.ResilienceOperations;
import org.finres.resilience.ResilienceRegisters;
import org.finres.resilience.ResilienceReport;
import org.finres.resilience.ResilienceReports;
import org.finres.resilience.ScenarioSpec;
import org.finres.resilience.SectorResilience;
import org.finres.resilience.StoredRegister;
import org.finres.resilience.drill.evidence.DrillEvidence;
import org.finres.resilience.web.ResilienceViews.AnalysisView;
import org.finres.resilience.web.ResilienceViews.JobView;
import org.finres.resilience.web.ResilienceViews.OutcomeView;
import org.finres.resilience.web.ResilienceViews.VersionView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operational resilience over REST: the institution's register (upload, export, versions), its analysis, scenarios
 * and Monte-Carlo jobs, drills, the command view's operations, reports; the sector aggregates for the regulator and
 * the hub. An institution reaches only its own data; another's answers 404.
 */
@RestController
@RequestMapping("/api/v1/resilience")
@Tag(name = "Resilience", description = "Important business services, impact tolerances, dependency analysis, drills, "
        + "command view, reports and sector concentration")
class ResilienceApi {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final ResilienceRegisters registers;
    private final ResilienceAnalyses analyses;
    private final ResilienceDrills drills;
    private final ResilienceOperations operations;
    private final SectorResilience sector;
    private final ResilienceReports reports;
    private final ReportDocuments documents;

    ResilienceApi(ResilienceRegisters registers, ResilienceAnalyses analyses, ResilienceDrills drills,
                  ResilienceOperations operations, SectorResilience sector, ResilienceReports reports,
                  ReportDocuments documents) {
        this.registers = registers;
        this.analyses = analyses;
        this.drills = drills;
        this.operations = operations;
        this.sector = sector;
        this.reports = reports;
        this.documents = documents;
    }

    // ---- register ----------------------------------------------------------------------------------------------

    @RequestMapping(path = "/register", method = {RequestMethod.PUT, RequestMethod.POST})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload a new version of the caller's institution's register (finres-resilience-register/1) as "
            + "YAML (application/yaml, text/yaml, text/plain) or JSON (application/json). 400 lists every problem "
            + "with its line, column, element and message.")
    VersionView upload(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(ResilienceRegisters.MAX_BYTES + 1);
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        RegisterFormat declared = type.startsWith("application/json") ? RegisterFormat.JSON
                : type.contains("yaml") ? RegisterFormat.YAML : null;
        return VersionView.of(registers.upload(CurrentActor.get(), new String(body, StandardCharsets.UTF_8), declared));
    }

    @GetMapping("/register")
    @Operation(summary = "The register, current or ?version=N, as ?format=yaml (default) or json: exactly as uploaded "
            + "when the format is the uploaded one. The regulator reads aggregates, never a member's register.")
    ResponseEntity<String> register(@RequestParam(required = false) String institution,
                                    @RequestParam(required = false) String version,
                                    @RequestParam(required = false) String format) {
        RegisterFormat f = RegisterFormat.fromParameter(format);
        StoredRegister stored = version == null || version.isBlank()
                ? registers.current(CurrentActor.get(), institutionOrNull(institution))
                : registers.version(CurrentActor.get(), institutionOrNull(institution), whole(version, "version"));
        return ResponseEntity.ok().contentType(f == RegisterFormat.JSON ? MediaType.APPLICATION_JSON : YAML)
                .header("X-Register-Version", Integer.toString(stored.version().version()))
                .body(ResilienceRegisters.export(stored, f));
    }

    @GetMapping("/register/versions")
    @Operation(summary = "Every stored version of the institution's register, newest first, with its summary.")
    List<VersionView> versions(@RequestParam(required = false) String institution) {
        return registers.versions(CurrentActor.get(), institutionOrNull(institution)).stream().map(VersionView::of)
                .toList();
    }

    // ---- analysis ----------------------------------------------------------------------------------------------

    @GetMapping("/analysis")
    @Operation(summary = "Effective RTO/RPO per service, single points of failure (hidden flag), the element losses "
            + "that breach, every whole layer lost, and the restoration order after the worst single loss.")
    AnalysisView analysis(@RequestParam(required = false) String institution,
                          @RequestParam(required = false) String version) {
        return AnalysisView.of(version == null || version.isBlank()
                ? analyses.analysis(CurrentActor.get(), institutionOrNull(institution))
                : analyses.analysis(CurrentActor.get(), institutionOrNull(institution), whole(version, "version")));
    }

    record ScenarioBody(String kind, String region, String supplier, String layer, List<String> elements) {
        ScenarioSpec spec() {
            if (kind == null) {
                throw new InvalidInputException("kind", "is required: region-supplier, ransomware or lost");
            }
            return switch (kind) {
                case "region-supplier" -> new ScenarioSpec.RegionAndSupplier(region, supplier);
                case "ransomware" -> new ScenarioSpec.Ransomware(layer);
                case "lost" -> new ScenarioSpec.ElementsLost(elements);
                default -> throw new InvalidInputException("kind", "must be region-supplier, ransomware or lost, not '"
                        + InvalidInputException.preview(kind) + "'");
            };
        }
    }

    @PostMapping("/scenarios")
    @Operation(summary = "Evaluate a severe-but-plausible scenario on the current register: {kind: region-supplier, "
            + "region, supplier} | {kind: ransomware, layer} | {kind: lost, elements: [...]}; with its restoration order.")
    OutcomeView scenario(@RequestBody ScenarioBody body, @RequestParam(required = false) String institution) {
        if (body == null) {
            throw new InvalidInputException("body", "is required");
        }
        return OutcomeView.of(analyses.scenario(CurrentActor.get(), institutionOrNull(institution), body.spec()));
    }

    record MonteCarloBody(Integer trials, Long seed, Double defaultProbability) {
    }

    @PostMapping("/monte-carlo")
    @Operation(summary = "Start a Monte-Carlo run over the current register (trials up to 200,000, seed, default "
            + "failure probability); 202 with the job's URL in Location. Poll it for done/total and the result.")
    ResponseEntity<JobView> monteCarlo(@RequestBody(required = false) MonteCarloBody body,
                                       @RequestParam(required = false) String institution) {
        MonteCarloBody b = body == null ? new MonteCarloBody(null, null, null) : body;
        MonteCarloJob job = analyses.startMonteCarlo(CurrentActor.get(), institutionOrNull(institution), b.trials(),
                b.seed(), b.defaultProbability());
        return ResponseEntity.accepted().location(URI.create("/api/v1/resilience/monte-carlo/" + job.id()))
                .body(JobView.of(job));
    }

    @GetMapping("/monte-carlo/{id}")
    @Operation(summary = "A Monte-Carlo job: state (queued, running, done, failed), done/total, and the result.")
    JobView job(@PathVariable String id) {
        return JobView.of(analyses.job(CurrentActor.get(), uuid(id, "id")));
    }

    // ---- drills ------------------------------------------------------------------------------------------------

    @PostMapping(path = "/drills", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Submit signed drill evidence (finres-drill-evidence/1, resilience:write token) of the "
            + "caller's institution. 400 when malformed or unsigned; 422 when another institution's, signed by a key "
            + "the institution has not registered or has retired, with a broken hash chain or a bad signature.")
    ResilienceViews.DrillView submitDrill(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(DrillEvidence.MAX_JSON_BYTES + 1);
        return ResilienceViews.DrillView.of(drills.submit(CurrentActor.get(), body));
    }

    @GetMapping("/drills")
    @Operation(summary = "The institution's failover drills, newest first.")
    List<ResilienceViews.DrillView> drills(@RequestParam(required = false) String institution) {
        return drills.list(CurrentActor.get(), institutionOrNull(institution)).stream()
                .map(ResilienceViews.DrillView::of).toList();
    }

    @GetMapping("/drills/{id}")
    @Operation(summary = "One drill.")
    ResilienceViews.DrillView drill(@PathVariable String id) {
        return ResilienceViews.DrillView.of(drills.get(CurrentActor.get(), uuid(id, "id")));
    }

    @GetMapping(path = "/drills/{id}/evidence", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The drill's signed evidence exactly as submitted.")
    String evidence(@PathVariable String id) {
        return drills.evidence(CurrentActor.get(), uuid(id, "id"));
    }

    // ---- operations (command view) -----------------------------------------------------------------------------

    record OperationBody(String kind, String title, String scenario) {
    }

    @PostMapping("/operations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open a drill or incident in the command view: {kind: DRILL|INCIDENT, title, scenario: "
            + "region-supplier:R,S | ransomware:LAYER | lost:ID,ID}.")
    ResilienceViews.OperationView open(@RequestBody OperationBody body) {
        if (body == null) {
            throw new InvalidInputException("body", "is required");
        }
        return view(operations.open(CurrentActor.get(), kind(body.kind()), body.title(),
                ScenarioSpec.parse(body.scenario())));
    }

    @GetMapping("/operations")
    @Operation(summary = "The institution's operations, newest first.")
    List<ResilienceViews.OperationView> operations(@RequestParam(required = false) String institution) {
        return operations.list(CurrentActor.get(), institutionOrNull(institution)).stream()
                .map(ResilienceViews.OperationView::of).toList();
    }

    @GetMapping("/operations/{id}")
    @Operation(summary = "An operation: services by location up or down, assignees, restoration order, next steps, notes.")
    ResilienceViews.OperationView operation(@PathVariable String id) {
        return view(operations.get(CurrentActor.get(), uuid(id, "id")));
    }

    record StatusBody(String service, String location, Boolean up) {
    }

    @PutMapping("/operations/{id}/status")
    @Operation(summary = "Report a service up or down at one of its locations.")
    ResilienceViews.OperationView status(@PathVariable String id, @RequestBody StatusBody body) {
        if (body == null || body.up() == null) {
            throw new InvalidInputException("up", "is required: true or false");
        }
        return view(operations.setStatus(CurrentActor.get(), uuid(id, "id"), body.service(), body.location(),
                body.up()));
    }

    record AssigneeBody(String assignee) {
    }

    @PutMapping("/operations/{id}/assignees/{service}")
    @Operation(summary = "Assign a person to a service (empty to clear).")
    ResilienceViews.OperationView assign(@PathVariable String id, @PathVariable String service,
                                           @RequestBody AssigneeBody body) {
        return view(operations.assign(CurrentActor.get(), uuid(id, "id"), service,
                body == null ? null : body.assignee()));
    }

    record StepBody(Boolean done) {
    }

    @PutMapping("/operations/{id}/steps/{element}")
    @Operation(summary = "Mark a restoration step done or undone.")
    ResilienceViews.OperationView step(@PathVariable String id, @PathVariable String element,
                                         @RequestBody StepBody body) {
        if (body == null || body.done() == null) {
            throw new InvalidInputException("done", "is required: true or false");
        }
        return view(operations.markStep(CurrentActor.get(), uuid(id, "id"), element, body.done()));
    }

    record NoteBody(String text) {
    }

    @PostMapping("/operations/{id}/notes")
    @Operation(summary = "Add a note to the operation's log.")
    ResilienceViews.OperationView note(@PathVariable String id, @RequestBody NoteBody body) {
        return view(operations.note(CurrentActor.get(), uuid(id, "id"), body == null ? null : body.text()));
    }

    @PostMapping("/operations/{id}/close")
    @Operation(summary = "Close the operation; it changes no more.")
    ResilienceViews.OperationView close(@PathVariable String id) {
        return view(operations.close(CurrentActor.get(), uuid(id, "id")));
    }

    private static ResilienceViews.OperationView view(org.finres.resilience.Operation operation) {
        return ResilienceViews.OperationView.of(operation);
    }

    // ---- sector and reports ------------------------------------------------------------------------------------

    @GetMapping("/sector/concentration")
    @Operation(summary = "For the regulator and the hub: shared sites, regions, providers, carriers and suppliers, "
            + "with how many institutions' important services depend on each and whose tolerance its loss breaches.")
    List<ResilienceViews.ConcentrationView> concentration() {
        return sector.concentration(CurrentActor.get()).stream().map(ResilienceViews.ConcentrationView::of).toList();
    }

    @GetMapping("/sector/overview")
    @Operation(summary = "For the regulator and the hub: every member's register counts and drill outcomes.")
    List<ResilienceViews.SectorRowView> overview() {
        return sector.overview(CurrentActor.get()).stream().map(ResilienceViews.SectorRowView::of).toList();
    }

    @GetMapping("/reports/institution")
    @Operation(summary = "The institution's report (register analysis, drill history, breaches, trend per quarter) "
            + "as ?format=json (default) or html (a standalone, printable document).")
    ResponseEntity<?> institutionReport(@RequestParam(required = false) String institution,
                                        @RequestParam(required = false) String format, Locale locale) {
        ResilienceReport.Institution report = reports.institution(CurrentActor.get(), institutionOrNull(institution));
        return respond(report, format, locale, "resilience-" + report.institution().value());
    }

    @GetMapping("/reports/sector")
    @Operation(summary = "The sector report for the regulator and the hub, as ?format=json (default) or html.")
    ResponseEntity<?> sectorReport(@RequestParam(required = false) String format, Locale locale) {
        return respond(reports.sector(CurrentActor.get()), format, locale, "resilience-sector");
    }

    private ResponseEntity<?> respond(ResilienceReport report, String format, Locale locale, String name) {
        String f = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + name + ".json\"")
                    .body(switch (report) {
                        case ResilienceReport.Institution i -> ResilienceViews.InstitutionReportView.of(i);
                        case ResilienceReport.Sector s -> ResilienceViews.SectorReportView.of(s);
                    });
            case "html" -> ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".html\"")
                    .body(documents.html(report, locale));
            default -> throw new InvalidInputException("format", "must be json or html, not '"
                    + InvalidInputException.preview(format) + "'");
        };
    }

    // ---- parameters --------------------------------------------------------------------------------------------

    static InstitutionId institutionOrNull(String institution) {
        return institution == null || institution.isBlank() ? null : InstitutionId.of(institution.strip());
    }

    static int whole(String value, String field) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number from 1 (was '"
                    + InvalidInputException.preview(value) + "')");
        }
    }

    static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be a UUID (was '" + InvalidInputException.preview(value) + "')");
        }
    }

    static OperationKind kind(String kind) {
        try {
            return OperationKind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("kind", "must be DRILL or INCIDENT (was '"
                    + InvalidInputException.preview(kind) + "')");
        }
    }
}
