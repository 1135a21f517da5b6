package org.finres.vault.web;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.ConflictException;
import org.finres.core.CurrentActor;
import org.finres.core.Institution;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.Permission;
import org.finres.vault.AttestationLedger;
import org.finres.vault.CustodyRegistry;
import org.finres.vault.Freshness;
import org.finres.vault.FreshnessStatus;
import org.finres.vault.LedgerEntry;
import org.finres.vault.LedgerQuery;
import org.finres.vault.RestoreDrills;
import org.finres.vault.RestoreRequest;
import org.finres.vault.VaultCustody;
import org.finres.vault.VaultFreshness;
import org.finres.vault.VaultRefusedException;
import org.finres.vault.engine.custody.CustodianRole;
import org.finres.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
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
 * The vault's pages: freshness (the landing page), the attestation ledger with its verification, custody with the
 * restore requests and the custodians' approve and deny forms, and drills. What the visitor may do is decided here
 * with the same rules the services apply, so the templates only show it; the services still check every action.
 */
@Controller
@RequestMapping("/vault")
class VaultPages {

    static final int PAGE_SIZE = 50;
    /** A released share is a few KiB; anything far larger is not one. */
    static final long MAX_SHARE_BYTES = 64 * 1024;

    private final AttestationLedger ledger;
    private final VaultFreshness freshness;
    private final VaultCustody custody;
    private final RestoreDrills drills;
    private final Institutions institutions;

    VaultPages(AttestationLedger ledger, VaultFreshness freshness, VaultCustody custody, RestoreDrills drills,
               Institutions institutions) {
        this.ledger = ledger;
        this.freshness = freshness;
        this.custody = custody;
        this.drills = drills;
        this.institutions = institutions;
    }

    @Bean
    static NavigationEntry vaultNavigation() {
        return NavigationEntry.requiring(Permission.VAULT_READ, "nav.vault", "/vault", 400);
    }

    /** The outcome of an action, carried over the redirect: message key, colour (ok, warn, error), one argument. */
    record VaultNotice(String key, String tone, String arg) implements Serializable {
    }

    @GetMapping
    String freshness(Model model) {
        Actor actor = CurrentActor.get();
        List<Freshness> rows = freshness.freshness(actor);
        Map<FreshnessStatus, Long> counts = new EnumMap<>(FreshnessStatus.class);
        for (FreshnessStatus s : FreshnessStatus.values()) {
            counts.put(s, rows.stream().filter(r -> r.status() == s).count());
        }
        model.addAttribute("rows", rows);
        model.addAttribute("counts", counts);
        model.addAttribute("required", freshness.requiredDate(java.time.Instant.now()));
        model.addAttribute("everyTenant", everyTenant(actor));
        return "vault/freshness";
    }

    @GetMapping("/attestations")
    String attestations(@RequestParam(required = false) String institution,
                        @RequestParam(required = false) String before, Model model) {
        Actor actor = CurrentActor.get();
        boolean every = everyTenant(actor);
        InstitutionId filter = null;
        Long beforeSeq = null;
        List<LedgerEntry> found = List.of();
        try {
            filter = every && institution != null && !institution.isBlank() ? InstitutionId.of(institution.strip()) : null;
            beforeSeq = before == null || before.isBlank() ? null : Long.parseLong(before.strip());
            found = ledger.list(actor, new LedgerQuery(filter, null, null, beforeSeq, PAGE_SIZE + 1));
        } catch (InvalidInputException | NumberFormatException e) {
            model.addAttribute("filterError", true);
        }
        List<LedgerEntry> shown = found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found;
        model.addAttribute("entries", shown);
        model.addAttribute("olderBefore", found.size() > PAGE_SIZE ? shown.getLast().sequence() : null);
        model.addAttribute("before", beforeSeq);
        model.addAttribute("institution", filter == null ? null : filter.value());
        model.addAttribute("everyTenant", every);
        model.addAttribute("tenants", every ? members(actor) : List.of());
        model.addAttribute("verification", every ? ledger.recentVerification(actor, Duration.ofMinutes(5)) : null);
        return "vault/attestations";
    }

    @PostMapping("/attestations/verify")
    String verify(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("verification", ledger.verify(CurrentActor.get()));
        return "true".equals(htmx) ? "vault/attestations :: verification" : "redirect:/vault/attestations";
    }

    @GetMapping("/custody")
    String custody(Model model) {
        Actor actor = CurrentActor.get();
        List<CustodyRegistry> registries = custody.registries(actor);
        model.addAttribute("registries", registries);
        model.addAttribute("requests", custody.requests(actor, null, null, 100));
        model.addAttribute("mayConfigure", actor.grants().get(Permission.VAULT_MANAGE) == Permission.Reach.ALL);
        model.addAttribute("members", members(actor));
        model.addAttribute("roles", List.of(CustodianRole.values()));
        return "vault/custody";
    }

    @PostMapping("/custody/{institution}")
    String configure(@PathVariable String institution, @RequestParam(required = false) String threshold,
                     @RequestParam(required = false) String restoringInstitution, RedirectAttributes redirect) {
        Actor actor = CurrentActor.get();
        VaultNotice notice;
        try {
            InstitutionId id = InstitutionId.of(institution);
            int t = Integer.parseInt(threshold == null ? "" : threshold.strip());
            custody.configure(actor, id, t, restoringInstitution == null || restoringInstitution.isBlank() ? null
                    : InstitutionId.of(restoringInstitution.strip()));
            notice = new VaultNotice("vault.notice.configured", "ok", id.value());
        } catch (NumberFormatException e) {
            notice = new VaultNotice("vault.notice.badThreshold", "error", "2-4");
        } catch (InvalidInputException | ConflictException e) {
            notice = new VaultNotice("vault.notice.refused", "error", e.getMessage());
        }
        redirect.addFlashAttribute("vaultNotice", notice);
        return "redirect:/vault/custody";
    }

    /** What the visitor may decide on a request: the role its tenant holds there, when still undecided. */
    record Decidable(CustodianRole role, boolean mayDecide) {
    }

    @GetMapping("/restore-requests/{id}")
    String request(@PathVariable String id, Model model) {
        Actor actor = CurrentActor.get();
        RestoreRequest request = custody.request(actor, VaultApi.requestId(id));
        model.addAttribute("request", request);
        model.addAttribute("registry", custody.registry(actor, request.institution()));
        model.addAttribute("decidable", decidable(actor, request));
        model.addAttribute("isRestorer", actor.institutionId().equals(request.restoringInstitution()));
        return "vault/request";
    }

    private Decidable decidable(Actor actor, RestoreRequest request) {
        Set<CustodianRole> held = custody.rolesHeldBy(actor.institutionId(), request.institution());
        held.remove(CustodianRole.RESTORING_INSTITUTION);
        if (actor.institutionId().equals(request.restoringInstitution())) {
            held.add(CustodianRole.RESTORING_INSTITUTION);
        }
        CustodianRole role = held.stream().findFirst().orElse(null);
        boolean may = role != null && actor.holds(Permission.VAULT_CUSTODY)
                && request.status() == org.finres.vault.RestoreStatus.PENDING && request.decisionOf(role).isEmpty();
        return new Decidable(role, may);
    }

    /**
     * An approval over the web records the decision only with the released share uploaded as a file: the button
     * alone never approves, so nobody approves by a stray click without the share only a custodian can make.
     */
    @PostMapping("/restore-requests/{id}/approve")
    String approve(@PathVariable String id, @RequestParam(required = false) String role,
                   @RequestParam(required = false) MultipartFile share, RedirectAttributes redirect) throws IOException {
        UUID requestId = VaultApi.requestId(id);
        VaultNotice notice;
        if (share == null || share.isEmpty()) {
            notice = new VaultNotice("vault.notice.shareRequired", "error", null);
        } else if (share.getSize() > MAX_SHARE_BYTES) {
            notice = new VaultNotice("vault.notice.shareTooLarge", "error", Long.toString(MAX_SHARE_BYTES));
        } else {
            try {
                RestoreRequest after = custody.approve(CurrentActor.get(), requestId, VaultApi.role(role), share.getBytes());
                notice = new VaultNotice(after.status() == org.finres.vault.RestoreStatus.APPROVED
                        ? "vault.notice.approvedThreshold" : "vault.notice.approved", "ok",
                        after.approvals() + "/" + after.threshold());
            } catch (VaultRefusedException | ConflictException | InvalidInputException | AccessRefusedException e) {
                notice = new VaultNotice("vault.notice.refused", "error", e.getMessage());
            }
        }
        redirect.addFlashAttribute("vaultNotice", notice);
        return "redirect:/vault/restore-requests/" + requestId;
    }

    @PostMapping("/restore-requests/{id}/deny")
    String deny(@PathVariable String id, @RequestParam(required = false) String role,
                @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        UUID requestId = VaultApi.requestId(id);
        VaultNotice notice;
        try {
            custody.deny(CurrentActor.get(), requestId, VaultApi.role(role), reason);
            notice = new VaultNotice("vault.notice.denied", "ok", null);
        } catch (ConflictException | InvalidInputException | AccessRefusedException e) {
            notice = new VaultNotice("vault.notice.refused", "error", e.getMessage());
        }
        redirect.addFlashAttribute("vaultNotice", notice);
        return "redirect:/vault/restore-requests/" + requestId;
    }

    @GetMapping("/drills")
    String drills(Model model) {
        model.addAttribute("drills", drills.list(CurrentActor.get(), null, 200));
        return "vault/drills";
    }

    private static boolean everyTenant(Actor actor) {
        return actor.grants().get(Permission.VAULT_READ) == Permission.Reach.ALL;
    }

    private List<Institution> members(Actor actor) {
        if (!actor.holds(Permission.INSTITUTIONS_READ)
                || actor.grants().get(Permission.INSTITUTIONS_READ) != Permission.Reach.ALL) {
            return List.of();
        }
        return institutions.list(actor).stream()
                .filter(i -> i.kind() != InstitutionKind.HUB && i.kind() != InstitutionKind.REGULATOR).toList();
    }
}
