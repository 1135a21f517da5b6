package org.finres.intel.web;

import jakarta.servlet.http.HttpServletResponse;
import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.intel.IntelAnalysis;
import org.finres.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Intelligence analysis": the shared indicators the viewer may see with the hub's confidence, reporters,
 * sightings, warning-list flag and retro-hunt progress; below, the warning lists, which the hub can extend.
 */
@Controller
@RequestMapping("/intel")
class IntelAnalysisPages {

    private final IntelAnalysis analysis;

    IntelAnalysisPages(IntelAnalysis analysis) {
        this.analysis = analysis;
    }

    @Bean
    static NavigationEntry intelAnalysisNavigation() {
        return NavigationEntry.requiring(Permission.INTEL_READ, "nav.intelAnalysis", "/intel/analysis", 355);
    }

    @GetMapping("/analysis")
    String page(@RequestParam(required = false) String status, @RequestParam(required = false) String q, Model model,
                HttpServletResponse response) {
        String error = null;
        Actor actor = CurrentActor.get();
        try {
            model.addAttribute("indicators", analysis.indicators(actor, status, q, 200));
        } catch (InvalidInputException e) {
            response.setStatus(400);
            error = e.getMessage();
            model.addAttribute("indicators", analysis.indicators(actor, null, null, 200));
        }
        return page(model, status, q, error);
    }

    private String page(Model model, String status, String q, String error) {
        Actor actor = CurrentActor.get();
        if (!model.containsAttribute("indicators")) {
            model.addAttribute("indicators", analysis.indicators(actor, null, null, 200));
        }
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("error", error);
        model.addAttribute("lists", analysis.warningLists(actor));
        model.addAttribute("mayManage", analysis.mayManage(actor));
        return "intel/analysis";
    }

    @PostMapping("/analysis/warning-entries")
    String add(@RequestParam(required = false) String list, @RequestParam(required = false) String value,
               @RequestParam(required = false) String note, Model model, HttpServletResponse response) {
        try {
            analysis.addWarningEntry(CurrentActor.get(), list, value, note);
            return "redirect:/intel/analysis#warning-lists";
        } catch (InvalidInputException | AccessRefusedException e) {
            response.setStatus(e instanceof AccessRefusedException ? 403 : 400);
            return page(model, null, null, e.getMessage());
        }
    }

    @PostMapping("/analysis/warning-entries/{id}/delete")
    String remove(@PathVariable long id, Model model, HttpServletResponse response) {
        try {
            analysis.removeWarningEntry(CurrentActor.get(), id);
            return "redirect:/intel/analysis#warning-lists";
        } catch (NotFoundException | AccessRefusedException e) {
            response.setStatus(e instanceof AccessRefusedException ? 403 : 404);
            return page(model, null, null, e.getMessage());
        }
    }
}
