package org.finres.warning.web;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.InvalidInputException;
import org.finres.core.ConflictException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.stix.Tlp;
import org.finres.warning.Audience;
import org.finres.warning.ChannelKind;
import org.finres.warning.EarlyWarnings;
import org.finres.warning.ExposureCriteria;
import org.finres.warning.ExposureKind;
import org.finres.warning.ExposureProfiles;
import org.finres.warning.NotificationChannels;
import org.finres.warning.WarningDetail;
import org.finres.warning.WarningDraft;
import org.finres.warning.WarningIndicator;
import org.finres.warning.WarningRecipient;
import org.finres.warning.WarningSeverity;
import org.finres.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Warnings for the hub (issue, follow up) and for members (read, acknowledge, declare exposure and channels). */
@Controller
@RequestMapping("/warnings")
class WarningsPages {

    private final EarlyWarnings warnings;
    private final ExposureProfiles exposure;
    private final NotificationChannels channels;

    WarningsPages(EarlyWarnings warnings, ExposureProfiles exposure, NotificationChannels channels) {
        this.warnings = warnings;
        this.exposure = exposure;
        this.channels = channels;
    }

    @Bean
    static NavigationEntry warningsNavigation() {
        return NavigationEntry.requiring(Permission.INTEL_READ, "nav.warnings", "/warnings", 340);
    }

    /** The outcome of an action, carried over the redirect; {@code key} in the visitor's language. */
    record Notice(String key, String tone, String arg) implements Serializable {
    }

    /** The new-warning form as typed, so that a preview or a refusal gives it back unchanged. */
    record WarningForm(String title, String severity, String tlp, String audience, String description, String advice,
                       String products, String suppliers, String ranges, String domains, String indicators,
                       String techniques, String acknowledgeWithin) {

        static WarningForm empty() {
            return new WarningForm("", "high", "amber", "exposed", "", "", "", "", "", "", "", "", "");
        }

        WarningDraft toDraft() {
            List<WarningIndicator> parsed = lines(indicators).stream().map(WarningIndicator::parse).toList();
            String within = acknowledgeWithin == null || acknowledgeWithin.isBlank() ? null
                    : "PT" + acknowledgeWithin.strip() + "H";
            if (within != null && !acknowledgeWithin.strip().matches("\\d{1,3}")) {
                throw new InvalidInputException("acknowledgeWithin", "'" + InvalidInputException.preview(acknowledgeWithin)
                        + "' is not a number of hours");
            }
            return new WarningDraft(title, description, advice, WarningSeverity.fromCode(severity),
                    WarningsApi.tlpOf(tlp == null ? "" : tlp),
                    Audience.fromCode(audience), new ExposureCriteria(lines(products), lines(suppliers), lines(ranges),
                    lines(domains)), parsed, WarningsApi.techniquesOf(techniques == null ? List.of()
                    : Arrays.asList(techniques.split("[,\\s]+"))),
                    WarningsApi.durationOf(within));
        }

        private static List<String> lines(String text) {
            return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    @GetMapping
    String list(Model model) {
        Actor actor = CurrentActor.get();
        model.addAttribute("warnings", warnings.list(actor, 200));
        model.addAttribute("hub", actor.grants().get(Permission.INTEL_READ) == Permission.Reach.ALL);
        model.addAttribute("mayIssue", mayIssue(actor));
        return "warning/list";
    }

    @GetMapping("/new")
    String form(Model model) {
        requireIssuer();
        model.addAttribute("form", WarningForm.empty());
        return newPage(model);
    }

    @PostMapping("/new")
    String issue(@ModelAttribute("form") WarningForm form, @RequestParam(defaultValue = "issue") String action,
                 Model model) {
        Actor actor = requireIssuer();
        try {
            WarningDraft draft = form.toDraft();
            if (action.equals("preview")) {
                List<WarningRecipient> recipients = warnings.preview(actor, draft);
                model.addAttribute("preview", recipients);
                return newPage(model);
            }
            return "redirect:/warnings/" + warnings.issue(actor, draft).summary().id();
        } catch (InvalidInputException e) {
            model.addAttribute("problem", e.getMessage());
            return newPage(model);
        }
    }

    private String newPage(Model model) {
        model.addAttribute("severities", Arrays.stream(WarningSeverity.values()).map(WarningSeverity::code).toList());
        model.addAttribute("tlps", Arrays.stream(Tlp.values()).map(Tlp::level).toList());
        return "warning/new";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable String id, Model model) {
        Actor actor = CurrentActor.get();
        UUID warning = WarningsApi.uuid(id);
        WarningDetail d = warnings.get(actor, warning);
        model.addAttribute("w", d);
        model.addAttribute("hub", d.summary().own() == null);
        model.addAttribute("mayAcknowledge", d.summary().own() != null && !d.summary().own().acknowledged()
                && actor.may(Permission.INTEL_WRITE, actor.institutionId()));
        model.addAttribute("deliveries", channels.deliveries(actor, warning));
        return "warning/detail";
    }

    @PostMapping("/{id}/acknowledge")
    String acknowledge(@PathVariable String id, RedirectAttributes redirect) {
        warnings.acknowledge(CurrentActor.get(), WarningsApi.uuid(id));
        redirect.addFlashAttribute("warningNotice", new Notice("warnings.notice.acknowledged", "ok", null));
        return "redirect:/warnings/" + id;
    }

    @GetMapping("/exposure")
    String exposurePage(Model model) {
        Actor actor = CurrentActor.get();
        // The hub reads every member's declarations (read only here); a member reads and edits its own.
        boolean member = actor.grants().get(Permission.INTEL_READ) != Permission.Reach.ALL;
        model.addAttribute("items", exposure.items(actor, member ? actor.institutionId() : null));
        model.addAttribute("member", member);
        model.addAttribute("mayManage", actor.may(Permission.EXPOSURE_MANAGE, actor.institutionId()));
        model.addAttribute("channels", actor.holds(Permission.EXPOSURE_MANAGE)
                ? channels.list(actor, actor.institutionId()) : List.of());
        model.addAttribute("kinds", Arrays.stream(ExposureKind.values()).map(ExposureKind::code).toList());
        model.addAttribute("webhookKey", channels.webhookPublicKey());
        return "warning/exposure";
    }

    @PostMapping("/exposure")
    String declare(@RequestParam(required = false) String kind, @RequestParam(required = false) String value,
                   @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            exposure.add(CurrentActor.get(), null, ExposureKind.fromCode(kind), value, note);
            redirect.addFlashAttribute("warningNotice", new Notice("warnings.notice.declared", "ok", value));
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("warningNotice", new Notice("warnings.notice.refused", "error", e.getMessage()));
        }
        return "redirect:/warnings/exposure";
    }

    @PostMapping("/exposure/{id}/remove")
    String undeclare(@PathVariable String id, RedirectAttributes redirect) {
        exposure.remove(CurrentActor.get(), number(id));
        redirect.addFlashAttribute("warningNotice", new Notice("warnings.notice.removed", "ok", null));
        return "redirect:/warnings/exposure";
    }

    @PostMapping("/channels")
    String addChannel(@RequestParam(required = false) String kind, @RequestParam(required = false) String target,
                      RedirectAttributes redirect) {
        try {
            channels.add(CurrentActor.get(), null, ChannelKind.fromCode(kind), target);
            redirect.addFlashAttribute("warningNotice", new Notice("warnings.notice.channelAdded", "ok", target));
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("warningNotice", new Notice("warnings.notice.refused", "error", e.getMessage()));
        }
        return "redirect:/warnings/exposure";
    }

    @PostMapping("/channels/{id}/remove")
    String removeChannel(@PathVariable String id, RedirectAttributes redirect) {
        channels.remove(CurrentActor.get(), number(id));
        redirect.addFlashAttribute("warningNotice", new Notice("warnings.notice.removed", "ok", null));
        return "redirect:/warnings/exposure";
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("item", id);
        }
    }

    private static boolean mayIssue(Actor actor) {
        return actor.grants().get(Permission.INTEL_WRITE) == Permission.Reach.ALL;
    }

    private static Actor requireIssuer() {
        Actor actor = CurrentActor.get();
        if (!mayIssue(actor)) {
            throw new org.finres.core.AccessRefusedException("issuing warnings needs INTEL_WRITE over the sector");
        }
        return actor;
    }
}
