package org.finres.credit.web;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.List;

import org.finres.core.Actor;
import org.finres.core.ConflictException;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.credit.CreditEntry;
import org.finres.credit.CreditKind;
import org.finres.credit.SharingCredit;
import org.finres.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The monthly ranking with its CSV, the own (or, for the hub, any) ledger, and the false positives. */
@Controller
@RequestMapping("/credit")
class CreditPages {

    private final SharingCredit credit;

    CreditPages(SharingCredit credit) {
        this.credit = credit;
    }

    @Bean
    static NavigationEntry creditNavigation() {
        return NavigationEntry.requiring(Permission.CREDIT_READ, "nav.credit", "/credit", 360);
    }

    /** The outcome of an action, carried over the redirect; {@code key} in the visitor's language. */
    record CreditNotice(String key, String tone, String arg) implements Serializable {
    }

    private YearMonth month(String text, Model model) {
        try {
            return credit.month(text);
        } catch (InvalidInputException e) {
            model.addAttribute("monthError", text);
            return credit.currentMonth();
        }
    }

    @GetMapping
    String ranking(@RequestParam(required = false) String month, Model model) {
        Actor actor = CurrentActor.get();
        YearMonth m = month(month, model);
        model.addAttribute("ranking", credit.ranking(actor, m));
        model.addAttribute("month", m.toString());
        model.addAttribute("kinds", CreditKind.values());
        model.addAttribute("everyMember", actor.grants().get(Permission.CREDIT_READ) == Permission.Reach.ALL);
        model.addAttribute("rulesVersion", credit.rules().version());
        return "credit/ranking";
    }

    @GetMapping(value = "/ranking.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String month) {
        YearMonth m = credit.month(month);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("sharing-credit-" + m + ".csv").build().toString())
                .body(credit.rankingCsv(CurrentActor.get(), m));
    }

    @GetMapping("/ledger")
    String ledger(@RequestParam(required = false) String institution, @RequestParam(required = false) String month,
                  Model model) {
        Actor actor = CurrentActor.get();
        YearMonth m = month(month, model);
        boolean every = actor.grants().get(Permission.CREDIT_READ) == Permission.Reach.ALL;
        InstitutionId i;
        try {
            i = institution == null || institution.isBlank() ? (every ? null : actor.institutionId())
                    : InstitutionId.of(institution.strip());
        } catch (InvalidInputException e) {
            throw new NotFoundException("institution", institution);
        }
        List<CreditEntry> entries = credit.ledger(actor, i, m);
        model.addAttribute("entries", entries);
        model.addAttribute("total", entries.stream().mapToInt(CreditEntry::points).sum());
        model.addAttribute("month", m.toString());
        model.addAttribute("institution", i == null ? "" : i.value());
        model.addAttribute("everyMember", every);
        return "credit/ledger";
    }

    @GetMapping("/false-positives")
    String falsePositives(Model model) {
        Actor actor = CurrentActor.get();
        model.addAttribute("falsePositives", credit.falsePositives(actor));
        model.addAttribute("mayManage", SharingCredit.mayManage(actor));
        if (!model.containsAttribute("indicator")) model.addAttribute("indicator", "");
        if (!model.containsAttribute("reason")) model.addAttribute("reason", "");
        return "credit/false-positives";
    }

    @PostMapping("/false-positives")
    String markFalsePositive(@RequestParam(required = false) String indicator, @RequestParam(required = false) String reason,
                             Model model, RedirectAttributes redirect) {
        try {
            var fp = credit.markFalsePositive(CurrentActor.get(), indicator, reason);
            redirect.addFlashAttribute("creditNotice", new CreditNotice("credit.fp.marked", "ok", fp.stixId()));
            return "redirect:/credit/false-positives";
        } catch (InvalidInputException | NotFoundException | ConflictException e) {
            model.addAttribute("creditNotice", new CreditNotice(
                    e instanceof InvalidInputException ? "credit.fp.invalid" : e instanceof NotFoundException
                            ? "credit.fp.unknown" : "credit.fp.already", "error", e.getMessage()));
            model.addAttribute("indicator", indicator == null ? "" : indicator);
            model.addAttribute("reason", reason == null ? "" : reason);
            return falsePositives(model);
        }
    }
}
