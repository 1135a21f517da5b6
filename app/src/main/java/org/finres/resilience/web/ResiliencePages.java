package org.finres.resilience.web;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.ConflictException;
import org.finres.core.CurrentActor;
import org.finres.core.InvalidInputException;
import org.finres.core.Permission;
import org.finres.resilience.MonteCarloJob;
import org.finres.resilience.Operation;
import org.finres.resilience.RegisterAnalysis;
import org.finres.resilience.RegisterFormat;
import org.finres.resilience.RegisterRejectedException;
import org.finres.resilience.ResilienceAnalyses;
import org.finres.resilience.ResilienceDrills;
import org.finres.resilience.ResilienceOperations;
import org.finres.resilience.ResilienceRegisters;
import org.finres.resilience.ResilienceReport;
import org.finres.resilience.ResilienceReports;
import org.finres.resilience.ScenarioOutcome;
import org.finres.resilience.ScenarioSpec;
import org.finres.resilience.SectorResilience;
import org.finres.resilience.StoredRegister;
import org.finres.resilience.engine.Element;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.RegisterProblem;
import org.finres.web.NavigationEntry;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The resilience pages: the register with its upload form, the dependency graph, the analysis, scenarios and
 * Monte-Carlo, drills, reports, the command view of operations, and the sector page for the regulator and the hub.
 * The services decide who sees what; the pages show what they answer.
 */
@Controller
@RequestMapping("/resilience")
class ResiliencePages {

    private final ResilienceRegisters registers;
    private final ResilienceAnalyses analyses;
    private final ResilienceDrills drills;
    private final ResilienceOperations operations;
    private final SectorResilience sector;
    private final ResilienceReports reports;
    private final ReportDocuments documents;
    private final MessageSource messages;

    ResiliencePages(ResilienceRegisters registers, ResilienceAnalyses analyses, ResilienceDrills drills,
                    ResilienceOperations operations, SectorResilience sector, ResilienceReports reports,
                    ReportDocuments documents, MessageSource messages) {
        this.registers = registers;
        this.analyses = analyses;
        this.drills = drills;
        this.operations = operations;
        this.sector = sector;
        this.reports = reports;
        this.documents = documents;
        this.messages = messages;
    }

    @Bean
    static NavigationEntry resilienceNavigation() {
        return new NavigationEntry("nav.resilience", "/resilience", 450,
                actor -> actor.holds(Permission.RESILIENCE_READ) || actor.holds(Permission.RESILIENCE_SECTOR));
    }

    /** The outcome of an action, carried over the redirect: message key, tone (ok, error), one argument. */
    record ResilienceNotice(String key, String tone, String arg) implements Serializable {
    }

    /** A register problem as the page lists it. */
    record ProblemLine(int line, int column, String element, String message) implements Serializable {
        static ProblemLine of(RegisterProblem p) {
            return new ProblemLine(p.line(), p.column(), p.element(), p.message());
        }
    }

    // ---- register ----------------------------------------------------------------------------------------------

    @GetMapping
    String register(Model model) {
        Actor actor = CurrentActor.get();
        if (sectorView(actor)) {
            return "redirect:/resilience/sector";
        }
        Optional<StoredRegister> current = registers.find(actor, null);
        model.addAttribute("current", current.map(StoredRegister::version).orElse(null));
        model.addAttribute("register", current.map(StoredRegister::register).orElse(null));
        model.addAttribute("versions", registers.versions(actor, null));
        model.addAttribute("mayUpload", actor.holds(Permission.RESILIENCE_MANAGE));
        model.addAttribute("fmt", new ReportDocuments.ReportFormat());
        return "resilience/register";
    }

    @PostMapping("/register")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String text,
                  RedirectAttributes redirect) throws IOException {
        String source = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : text;
        try {
            var v = registers.upload(CurrentActor.get(), source, null);
            redirect.addFlashAttribute("resilienceNotice",
                    new ResilienceNotice("resilience.notice.uploaded", "ok", Integer.toString(v.version())));
        } catch (RegisterRejectedException e) {
            redirect.addFlashAttribute("problems", new ArrayList<>(e.problems().stream().map(ProblemLine::of).toList()));
        } catch (InvalidInputException | AccessRefusedException e) {
            redirect.addFlashAttribute("resilienceNotice",
                    new ResilienceNotice("resilience.notice.refused", "error", e.getMessage()));
        }
        return "redirect:/resilience";
    }

    @GetMapping("/register/export")
    ResponseEntity<String> export(@RequestParam(required = false) String format,
                                  @RequestParam(required = false) String version) {
        RegisterFormat f = RegisterFormat.fromParameter(format);
        Actor actor = CurrentActor.get();
        StoredRegister stored = version == null || version.isBlank() ? registers.current(actor, null)
                : registers.version(actor, null, ResilienceApi.whole(version, "version"));
        String name = stored.version().institution().value() + "-v" + stored.version().version()
                + (f == RegisterFormat.JSON ? ".json" : ".yml");
        return ResponseEntity.ok().contentType(f == RegisterFormat.JSON ? MediaType.APPLICATION_JSON : ResilienceApi.YAML)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(ResilienceRegisters.export(stored, f));
    }

    // ---- graph and analysis ------------------------------------------------------------------------------------

    @GetMapping("/graph")
    String graph(Model model, Locale locale) {
        Actor actor = CurrentActor.get();
        if (sectorView(actor)) {
            return "redirect:/resilience/sector";
        }
        Optional<StoredRegister> current = registers.find(actor, null);
        if (current.isEmpty()) {
            return "redirect:/resilience";
        }
        RegisterAnalysis a = analyses.analysis(actor, null);
        Map<Layer, String> layerNames = new EnumMap<>(Layer.class);
        for (Layer l : Layer.values()) {
            layerNames.put(l, messages.getMessage("resilience.layer." + l.formatName(), null, locale));
        }
        GraphSvg.Labels labels = new GraphSvg.Labels(layerNames,
                messages.getMessage("resilience.spof.hidden", null, locale),
                messages.getMessage("resilience.spof", null, locale),
                messages.getMessage("resilience.group", null, locale),
                messages.getMessage("resilience.graph.heading", null, locale));
        model.addAttribute("svg", GraphSvg.render(a.register(), a.sweep().singlePointsOfFailure(), labels));
        model.addAttribute("analysis", a);
        return "resilience/graph";
    }

    @GetMapping("/analysis")
    String analysis(Model model) {
        Actor actor = CurrentActor.get();
        if (sectorView(actor)) {
            return "redirect:/resilience/sector";
        }
        if (registers.find(actor, null).isEmpty()) {
            return "redirect:/resilience";
        }
        model.addAttribute("analysis", analyses.analysis(actor, null));
        model.addAttribute("fmt", new ReportDocuments.ReportFormat());
        return "resilience/analysis";
    }

    // ---- scenarios and Monte-Carlo -----------------------------------------------------------------------------

    @GetMapping("/scenarios")
    String scenarios(@RequestParam(required = false) String scenario, Model model) {
        Actor actor = CurrentActor.get();
        if (sectorView(actor)) {
            return "redirect:/resilience/sector";
        }
        Optional<StoredRegister> current = registers.find(actor, null);
        if (current.isEmpty()) {
            return "redirect:/resilience";
        }
        List<Element> elements = current.get().register().elements();
        model.addAttribute("regions", elements.stream().filter(e -> e.layer() == Layer.REGION).toList());
        model.addAttribute("suppliers", elements.stream().filter(e -> e.layer() == Layer.SUPPLIER).toList());
        model.addAttribute("layers", java.util.Arrays.stream(Layer.values()).filter(l -> l != Layer.SERVICE).toList());
        model.addAttribute("fmt", new ReportDocuments.ReportFormat());
        if (scenario != null && !scenario.isBlank()) {
            try {
                ScenarioOutcome outcome = analyses.scenario(actor, null, ScenarioSpec.parse(scenario));
                model.addAttribute("outcome", outcome);
            } catch (InvalidInputException e) {
                model.addAttribute("scenarioError", e.getMessage());
            }
        }
        return "resilience/scenarios";
    }

    @PostMapping("/scenarios/region-supplier")
    String regionSupplier(@RequestParam(required = false) String region, @RequestParam(required = false) String supplier) {
        return "redirect:/resilience/scenarios?scenario=" + enc(new ScenarioSpec.RegionAndSupplier(region, supplier).code());
    }

    @PostMapping("/scenarios/ransomware")
    String ransomware(@RequestParam(required = false) String layer) {
        return "redirect:/resilience/scenarios?scenario=" + enc(new ScenarioSpec.Ransomware(layer).code());
    }

    @PostMapping("/monte-carlo")
    String monteCarlo(@RequestParam(required = false) String trials, @RequestParam(required = false) String seed,
                      RedirectAttributes redirect) {
        try {
            Integer t = trials == null || trials.isBlank() ? null : ResilienceApi.whole(trials, "trials");
            Long s = null;
            if (seed != null && !seed.isBlank()) {
                try {
                    s = Long.parseLong(seed.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("seed", "must be a whole number");
                }
            }
            MonteCarloJob job = analyses.startMonteCarlo(CurrentActor.get(), null, t, s, null);
            return "redirect:/resilience/monte-carlo/" + job.id();
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("resilienceNotice",
                    new ResilienceNotice("resilience.notice.refused", "error", e.getMessage()));
            return "redirect:/resilience/scenarios";
        }
    }

    @GetMapping("/monte-carlo/{id}")
    String job(@PathVariable String id, @RequestHeader(name = "HX-Request", required = false) String htmx,
               Model model) {
        model.addAttribute("job", analyses.job(CurrentActor.get(), ResilienceApi.uuid(id, "id")));
        model.addAttribute("fmt", new ReportDocuments.ReportFormat());
        return "true".equals(htmx) ? "resilience/monte-carlo :: progress" : "resilience/monte-carlo";
    }

    // ---- drills ------------------------------------------------------------------------------------------------

    @GetMapping("/drills")
    String drills(Model model) {
        if (sectorView(CurrentActor.get())) {
            return "redirect:/resilience/sector";
        }
        model.addAttribute("drills", drills.list(CurrentActor.get(), null));
        model.addAttribute("fmt", new ReportDocuments.ReportFormat());
        return "resilience/drills";
    }

    @GetMapping("/drills/{id}")
    String drill(@PathVariable String id, Model model) {
        Actor actor = CurrentActor.get();
        UUID drillId = ResilienceApi.uuid(id, "id");
        model.addAttribute("drill", drills.get(actor, drillId));
        String evidence = drills.evidence(actor, drillId);
        model.addAttribute("evidence", evidence);
        // Stored only after it parsed and verified, so it parses again; the page shows its hash-chained timeline.
        model.addAttribute("timeline", org.finres.resilience.drill.evidence.DrillEvidence.parse(evidence).timeline());
        model.addAttribute("fmt", new ReportDocuments.ReportFormat());
        return "resilience/drill";
    }

    // ---- reports -----------------------------------------------------------------------------------------------

    @GetMapping("/reports")
    String reports(Model model) {
        Actor actor = CurrentActor.get();
        if (sectorView(actor)) {
            return "redirect:/resilience/sector";
        }
        model.addAttribute("report", reports.institution(actor, null));
        model.addAttribute("fmt", new ReportDocuments.ReportFormat());
        return "resilience/reports";
    }

    @GetMapping("/reports/institution.html")
    ResponseEntity<String> institutionHtml(Locale locale) {
        ResilienceReport.Institution r = reports.institution(CurrentActor.get(), null);
        return download(documents.html(r, locale), "resilience-" + r.institution().value() + ".html", MediaType.TEXT_HTML);
    }

    @GetMapping("/reports/sector.html")
    ResponseEntity<String> sectorHtml(Locale locale) {
        return download(documents.html(reports.sector(CurrentActor.get()), locale), "resilience-sector.html",
                MediaType.TEXT_HTML);
    }

    private static ResponseEntity<String> download(String body, String name, MediaType type) {
        return ResponseEntity.ok().contentType(new MediaType(type, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(body);
    }

    // ---- operations (command view) -----------------------------------------------------------------------------

    @GetMapping("/operations")
    String operations(Model model) {
        Actor actor = CurrentActor.get();
        if (sectorView(actor)) {
            return "redirect:/resilience/sector";
        }
        model.addAttribute("operations", operations.list(actor, null));
        model.addAttribute("mayOperate", actor.holds(Permission.RESILIENCE_OPERATE));
        Optional<StoredRegister> current = registers.find(actor, null);
        model.addAttribute("hasRegister", current.isPresent());
        model.addAttribute("elements", current.map(s -> s.register().components()).orElse(List.of()));
        return "resilience/operations";
    }

    @PostMapping("/operations")
    String open(@RequestParam(required = false) String kind, @RequestParam(required = false) String title,
                @RequestParam(required = false) String scenario, RedirectAttributes redirect) {
        try {
            Operation op = operations.open(CurrentActor.get(), ResilienceApi.kind(kind), title, ScenarioSpec.parse(scenario));
            return "redirect:/resilience/operations/" + op.id();
        } catch (InvalidInputException | AccessRefusedException e) {
            redirect.addFlashAttribute("resilienceNotice",
                    new ResilienceNotice("resilience.notice.refused", "error", e.getMessage()));
            return "redirect:/resilience/operations";
        }
    }

    @GetMapping("/operations/{id}")
    String operation(@PathVariable String id, @RequestHeader(name = "HX-Request", required = false) String htmx,
                     Model model) {
        Actor actor = CurrentActor.get();
        model.addAttribute("op", operations.get(actor, ResilienceApi.uuid(id, "id")));
        model.addAttribute("mayOperate", actor.holds(Permission.RESILIENCE_OPERATE));
        model.addAttribute("fmt", new ReportDocuments.ReportFormat());
        return "true".equals(htmx) ? "resilience/operation :: board" : "resilience/operation";
    }

    @PostMapping("/operations/{id}/steps")
    String step(@PathVariable String id, @RequestParam(required = false) String element,
                @RequestParam(required = false) String done, RedirectAttributes redirect) {
        return act(id, redirect, () -> operations.markStep(CurrentActor.get(), ResilienceApi.uuid(id, "id"), element,
                !"false".equals(done)));
    }

    @PostMapping("/operations/{id}/status")
    String status(@PathVariable String id, @RequestParam(required = false) String service,
                  @RequestParam(required = false) String location, @RequestParam(required = false) String up,
                  RedirectAttributes redirect) {
        return act(id, redirect, () -> operations.setStatus(CurrentActor.get(), ResilienceApi.uuid(id, "id"), service,
                location, "true".equals(up)));
    }

    @PostMapping("/operations/{id}/assignees")
    String assign(@PathVariable String id, @RequestParam(required = false) String service,
                  @RequestParam(required = false) String assignee, RedirectAttributes redirect) {
        return act(id, redirect, () -> operations.assign(CurrentActor.get(), ResilienceApi.uuid(id, "id"), service,
                assignee));
    }

    @PostMapping("/operations/{id}/notes")
    String note(@PathVariable String id, @RequestParam(required = false) String text, RedirectAttributes redirect) {
        return act(id, redirect, () -> operations.note(CurrentActor.get(), ResilienceApi.uuid(id, "id"), text));
    }

    @PostMapping("/operations/{id}/close")
    String close(@PathVariable String id, RedirectAttributes redirect) {
        return act(id, redirect, () -> operations.close(CurrentActor.get(), ResilienceApi.uuid(id, "id")));
    }

    private String act(String id, RedirectAttributes redirect, Runnable action) {
        UUID operation = ResilienceApi.uuid(id, "id");
        try {
            action.run();
        } catch (InvalidInputException | ConflictException | AccessRefusedException e) {
            redirect.addFlashAttribute("resilienceNotice",
                    new ResilienceNotice("resilience.notice.refused", "error", e.getMessage()));
        }
        return "redirect:/resilience/operations/" + operation;
    }

    // ---- sector ------------------------------------------------------------------------------------------------

    @GetMapping("/sector")
    String sectorPage(Model model) {
        Actor actor = CurrentActor.get();
        model.addAttribute("overview", sector.overview(actor));
        model.addAttribute("concentration", sector.concentration(actor));
        return "resilience/sector";
    }

    /**
     * Whether the visitor's resilience pages are the sector's: the regulator (aggregates only) and the hub, which
     * has no register of its own and reads a member's through the API with {@code ?institution=}.
     */
    private static boolean sectorView(Actor actor) {
        return actor.grants().get(Permission.RESILIENCE_READ) != Permission.Reach.OWN;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
