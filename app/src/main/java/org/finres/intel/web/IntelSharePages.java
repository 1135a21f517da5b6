package org.finres.intel.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.InvalidInputException;
import org.finres.core.Permission;
import org.finres.intel.Attribution;
import org.finres.intel.IntelSharing;
import org.finres.intel.ShareFormat;
import org.finres.intel.ShareRequest;
import org.finres.intel.ShareSummary;
import org.finres.intel.internal.TaxiiProperties;
import org.finres.stix.Tlp;
import org.finres.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * "Share intelligence": upload a file or paste it, choose format, TLP and attribution, and see what became of
 * every object; below, the institution's own uploads. Only the submitting institution and the hub see a
 * submission, so the list never tells one member what another shared.
 */
@Controller
@RequestMapping("/intel")
class IntelSharePages {

    private final IntelSharing sharing;
    private final TaxiiProperties properties;
    private final org.finres.intel.IntelAnalysis analysis;

    IntelSharePages(IntelSharing sharing, TaxiiProperties properties, org.finres.intel.IntelAnalysis analysis) {
        this.sharing = sharing;
        this.properties = properties;
        this.analysis = analysis;
    }

    @Bean
    static NavigationEntry intelShareNavigation() {
        return NavigationEntry.requiring(Permission.INTEL_WRITE, "nav.intelShare", "/intel/share", 350);
    }

    /** What the form last held, so that a refused upload can be corrected rather than retyped. */
    record Form(String format, String tlp, String attribution, String recipients, String pasted) {
        static Form empty() {
            return new Form("", "amber", "named", "", "");
        }
    }

    @GetMapping("/share")
    String page(Model model) {
        return page(model, Form.empty(), null);
    }

    private String page(Model model, Form form, String error) {
        Actor actor = CurrentActor.get();
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("tlps", Tlp.values());
        model.addAttribute("formats", ShareFormat.values());
        model.addAttribute("submissions", sharing.submissions(actor, 50));
        model.addAttribute("everyInstitution", actor.grants().get(Permission.INTEL_READ) == Permission.Reach.ALL);
        model.addAttribute("maySubmit", actor.holds(Permission.INTEL_WRITE));
        return "intel/share";
    }

    @PostMapping("/share")
    String share(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String pasted,
                 @RequestParam(required = false) String format, @RequestParam(required = false) String tlp,
                 @RequestParam(required = false) String attribution, @RequestParam(required = false) String recipients,
                 Model model, HttpServletResponse response) throws IOException {
        Form form = new Form(format == null ? "" : format, tlp == null ? "amber" : tlp,
                attribution == null ? "named" : attribution, recipients == null ? "" : recipients, pasted == null ? "" : pasted);
        byte[] content;
        String fileName = null;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > properties.maxContentLength().toBytes()) {
                response.setStatus(400);
                return page(model, form, "content of " + file.getSize() + " bytes is larger than the limit of "
                        + properties.maxContentLength().toBytes() + " bytes");
            }
            content = file.getBytes();
            fileName = file.getOriginalFilename();
        } else {
            content = form.pasted().getBytes(StandardCharsets.UTF_8);
        }
        try {
            ShareFormat f = format == null || format.isBlank()
                    ? fromName(fileName).orElseGet(() -> ShareFormat.sniff(content))
                    : IntelShareApi.format(format, null, content);
            ShareSummary summary = sharing.share(CurrentActor.get(), new ShareRequest(f, content, IntelShareApi.tlp(tlp),
                    IntelShareApi.attribution(attribution), null, IntelShareApi.recipients(recipients), fileName));
            return "redirect:/intel/shares/" + summary.id();
        } catch (InvalidInputException | AccessRefusedException e) {
            response.setStatus(e instanceof AccessRefusedException ? 403 : 400);
            return page(model, form, e.getMessage());
        }
    }

    private static java.util.Optional<ShareFormat> fromName(String name) {
        if (name == null) return java.util.Optional.empty();
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".csv")) return java.util.Optional.of(ShareFormat.CSV);
        return java.util.Optional.empty();
    }

    @GetMapping("/shares/{id}")
    String submission(@PathVariable String id, Model model) {
        ShareSummary s = sharing.submission(CurrentActor.get(), id);
        model.addAttribute("s", s);
        model.addAttribute("flags", CurrentActor.get().holds(Permission.INTEL_READ)
                ? analysis.warningFlags(CurrentActor.get(), s.objects().stream().map(ShareSummary.ObjectOutcome::id).toList())
                : java.util.Map.of());
        return "intel/submission";
    }
}
