package org.finres.detection.web;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.detection.RuleCatalogue;
import org.finres.detection.RuleEntry;
import org.finres.detection.RuleFile;
import org.finres.detection.RuleImport;
import org.finres.detection.RuleScope;
import org.finres.detection.RuleVersion;
import org.finres.detection.internal.DetectionProperties;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rule catalogue: every document the visitor may read with how the running engine took it, enable and disable
 * for those who may manage it, an upload of a YAML file or a zipped folder, and one document with its versions.
 */
@Controller
@RequestMapping("/detection/rules")
class RulesPages {

    private final RuleCatalogue catalogue;
    private final Institutions institutions;
    private final RuleArchive archive;

    RulesPages(RuleCatalogue catalogue, Institutions institutions, DetectionProperties properties) {
        this.catalogue = catalogue;
        this.institutions = institutions;
        this.archive = new RuleArchive(properties.maxUpload().toBytes());
    }

    @Bean
    static NavigationEntry rulesNavigation() {
        return NavigationEntry.requiring(Permission.RULES_READ, "nav.rules", "/detection/rules", 310);
    }

    /** A document with whether the visitor may switch it on or off, decided here so the template only shows. */
    record Row(RuleEntry rule, boolean manageable) {
    }

    /** What an upload did, carried over the redirect. */
    record ImportOutcome(int files, long created, long updated, long unchanged, List<String> problems)
            implements Serializable {
        static ImportOutcome of(RuleImport done) {
            return new ImportOutcome(done.files(), done.count(RuleImport.Change.CREATED),
                    done.count(RuleImport.Change.UPDATED), done.count(RuleImport.Change.UNCHANGED),
                    List.copyOf(done.problems()));
        }
    }

    /** Why an upload or a switch did nothing: {@code key} in the visitor's language, {@code arg} its one argument. */
    record RuleNotice(String key, String tone, String arg) implements Serializable {
    }

    @GetMapping
    String list(@RequestParam(required = false) String scope, @RequestParam(required = false) String institution,
                Model model) {
        Actor actor = CurrentActor.get();
        String scopeCode = AlertsPages.blankToNull(scope);
        String institutionCode = AlertsPages.blankToNull(institution);
        List<RuleEntry> entries = List.of();
        try {
            entries = catalogue.list(actor, scopeCode == null ? null : RuleScope.fromCode(scopeCode),
                    institutionCode == null ? null : InstitutionId.of(institutionCode));
        } catch (InvalidInputException e) {
            model.addAttribute("filterError", true);
        }
        boolean everyTenant = actor.grants().get(Permission.RULES_READ) == Permission.Reach.ALL;
        Permission.Reach manage = actor.grants().get(Permission.RULES_MANAGE);
        List<RuleScope> uploadScopes = manage == null ? List.of()
                : manage == Permission.Reach.ALL ? List.of(RuleScope.HUB, RuleScope.INSTITUTION, RuleScope.SECTOR)
                : List.of(RuleScope.INSTITUTION);
        model.addAttribute("rows", entries.stream().map(e -> new Row(e, mayManage(actor, e))).toList());
        model.addAttribute("scopeFilter", scopeCode);
        model.addAttribute("institutionFilter", institutionCode);
        model.addAttribute("scopes", List.of(RuleScope.values()));
        model.addAttribute("everyTenant", everyTenant);
        model.addAttribute("tenants", (everyTenant || manage == Permission.Reach.ALL)
                && actor.holds(Permission.INSTITUTIONS_READ) ? institutions.list(actor) : List.of());
        model.addAttribute("uploadScopes", uploadScopes);
        model.addAttribute("ownInstitution", actor.institutionId().value());
        model.addAttribute("manageAll", manage == Permission.Reach.ALL);
        model.addAttribute("compiled", catalogue.compiledRules());
        return "detection/rules";
    }

    @PostMapping("/upload")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String scope,
                  @RequestParam(required = false) String institution, RedirectAttributes redirect) throws IOException {
        Actor actor = CurrentActor.get();
        if (!actor.holds(Permission.RULES_MANAGE)) {
            // Refused before reading the form, so that a visitor without the right never learns what it did wrong.
            throw new AccessRefusedException("uploading rules needs the RULES_MANAGE permission");
        }
        boolean manageAll = actor.grants().get(Permission.RULES_MANAGE) == Permission.Reach.ALL;
        RuleScope target;
        InstitutionId owner;
        try {
            // Without a choice, the one scope the visitor may use most widely.
            target = scope == null || scope.isBlank() ? (manageAll ? RuleScope.HUB : RuleScope.INSTITUTION)
                    : RuleScope.fromCode(scope);
            // An institution manages only its own rules, so its form has no institution to choose.
            String named = manageAll ? AlertsPages.blankToNull(institution) : actor.institutionId().value();
            owner = target == RuleScope.INSTITUTION && named != null ? InstitutionId.of(named) : null;
        } catch (InvalidInputException e) {
            return uploadRefused(redirect, "rules.upload.badScope", null);
        }
        if (target == RuleScope.INSTITUTION && owner == null) {
            return uploadRefused(redirect, "rules.upload.institutionRequired", null);
        }
        if (file == null || file.isEmpty()) {
            return uploadRefused(redirect, "rules.upload.noFile", null);
        }
        List<RuleFile> files;
        try {
            files = archive.files(file.getOriginalFilename(), file.getSize(), file.getBytes());
        } catch (InvalidInputException e) {
            return uploadRefused(redirect, "rules.upload." + e.rule(), e.args().length > 0 ? e.args()[0].toString() : null);
        }
        try {
            redirect.addFlashAttribute("importOutcome", ImportOutcome.of(
                    catalogue.importFiles(actor, target, owner, files, "upload")));
        } catch (InvalidInputException e) {
            return uploadRefused(redirect, "rules.upload.refused", e.getMessage());
        }
        return "redirect:/detection/rules";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable String id, Model model) {
        Actor actor = CurrentActor.get();
        UUID ruleId = ruleId(id);
        RuleEntry rule = catalogue.get(actor, ruleId);
        List<RuleVersion> versions = catalogue.versions(actor, ruleId);
        model.addAttribute("rule", rule);
        model.addAttribute("manageable", mayManage(actor, rule));
        model.addAttribute("versions", versions);
        model.addAttribute("current", versions.stream().filter(v -> v.version() == rule.version()).findFirst()
                .or(() -> versions.stream().findFirst()).orElse(null));
        return "detection/rule";
    }

    @PostMapping("/{id}/enable")
    String enable(@PathVariable String id, @RequestParam(required = false) String from, RedirectAttributes redirect) {
        return switchTo(id, true, from, redirect);
    }

    @PostMapping("/{id}/disable")
    String disable(@PathVariable String id, @RequestParam(required = false) String from, RedirectAttributes redirect) {
        return switchTo(id, false, from, redirect);
    }

    private String switchTo(String id, boolean enabled, String from, RedirectAttributes redirect) {
        UUID ruleId = ruleId(id);
        RuleEntry done = catalogue.setEnabled(CurrentActor.get(), ruleId, enabled);
        redirect.addFlashAttribute("ruleNotice", new RuleNotice(enabled ? "rules.notice.enabled" : "rules.notice.disabled",
                "ok", done.title()));
        // Back where the button was: the document's page or the catalogue.
        return "detail".equals(from) ? "redirect:/detection/rules/" + ruleId : "redirect:/detection/rules";
    }

    private static String uploadRefused(RedirectAttributes redirect, String key, String arg) {
        redirect.addFlashAttribute("ruleNotice", new RuleNotice(key, "error", arg));
        return "redirect:/detection/rules";
    }

    /** The same rule the catalogue applies: hub and sector documents need the whole sector, others their owner. */
    static boolean mayManage(Actor actor, RuleEntry rule) {
        return switch (rule.scope()) {
            case HUB, SECTOR -> actor.grants().get(Permission.RULES_MANAGE) == Permission.Reach.ALL;
            case INSTITUTION -> actor.may(Permission.RULES_MANAGE, rule.institution());
        };
    }

    private static UUID ruleId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("detection_rule", id);
        }
    }
}
