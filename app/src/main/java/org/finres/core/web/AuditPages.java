package org.finres.core.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.finres.core.Actor;
import org.finres.core.AuditRecord;
import org.finres.core.AuditTrail;
import org.finres.core.ChainVerification;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail page: newest first, paged backwards with {@code before}, filtered by action prefix (and by
 * tenant for those who read every tenant's records), with a chain verification for those allowed to verify.
 */
@Controller
@RequestMapping("/audit")
class AuditPages {

    static final int PAGE_SIZE = 50;
    /** Prefixes offered in the filter's suggestions: the families of actions the core records. */
    static final List<String> ACTION_FAMILIES =
            List.of("login.", "user.", "institution.", "token.", "access.denied", "restricted.read", "audit.");

    private final AuditTrail audit;
    private final Institutions institutions;
    private final JsonMapper json;

    AuditPages(AuditTrail audit, Institutions institutions, JsonMapper json) {
        this.audit = audit;
        this.institutions = institutions;
        this.json = json;
    }

    /** A record with its details as key and value pairs, which read better in a table cell than JSON does. */
    record Row(AuditRecord record, List<Detail> details) {
    }

    record Detail(String key, String value) {
    }

    /** The filter as given; {@code before} is the smallest sequence number of the previous page. */
    record Filter(String action, String institution, Long before) {
    }

    @GetMapping
    String list(@RequestParam(required = false) String action, @RequestParam(required = false) String institution,
                @RequestParam(required = false) Long before, Model model) {
        return page(model, CurrentActor.get(), new Filter(blankToNull(action), blankToNull(institution), before), null);
    }

    /** Checks the chain; an htmx request gets only the result, a plain form post the whole page with it. */
    @PostMapping("/verify")
    String verify(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Actor actor = CurrentActor.get();
        ChainVerification verification = audit.verify(actor);
        if ("true".equals(htmx)) {
            model.addAttribute("verification", verification);
            return "audit/list :: verification";
        }
        return page(model, actor, new Filter(null, null, null), verification);
    }

    @GetMapping("/verify")
    String verifyIsAPost() {
        return "redirect:/audit";
    }

    private String page(Model model, Actor actor, Filter filter, ChainVerification verification) {
        boolean everyTenant = actor.grants().get(Permission.AUDIT_READ) == Permission.Reach.ALL;
        InstitutionId tenant = everyTenant && filter.institution() != null ? institutionId(filter.institution()) : null;
        String action = filter.action() == null ? null : filter.action().length() > 100
                ? filter.action().substring(0, 100) : filter.action();
        // One more than a page tells whether there is an older page without counting the whole trail.
        List<AuditRecord> found = audit.recent(actor, tenant, action, filter.before(), PAGE_SIZE + 1);
        List<AuditRecord> records = found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found;
        model.addAttribute("rows", records.stream().map(r -> new Row(r, details(r.details()))).toList());
        model.addAttribute("olderBefore", found.size() > PAGE_SIZE ? records.getLast().seq() : null);
        model.addAttribute("filter", new Filter(action, tenant == null ? null : tenant.value(), filter.before()));
        model.addAttribute("families", ACTION_FAMILIES);
        model.addAttribute("everyTenant", everyTenant);
        model.addAttribute("tenants", everyTenant && actor.holds(Permission.INSTITUTIONS_READ)
                ? institutions.list(actor) : List.of());
        model.addAttribute("canVerify", actor.may(Permission.AUDIT_VERIFY, InstitutionId.HUB));
        model.addAttribute("verification", verification);
        return "audit/list";
    }

    /** The details object's members in the stored (sorted) order; the raw text if it is not a flat object. */
    private List<Detail> details(String text) {
        if (text == null || text.isBlank() || text.equals("{}")) {
            return List.of();
        }
        try {
            List<Detail> details = new ArrayList<>();
            Map<?, ?> members = json.readValue(text, Map.class);
            for (Map.Entry<?, ?> member : members.entrySet()) {
                details.add(new Detail(String.valueOf(member.getKey()), String.valueOf(member.getValue())));
            }
            return details;
        } catch (JacksonException e) {
            return List.of(new Detail("", text));
        }
    }

    private static InstitutionId institutionId(String text) {
        try {
            return InstitutionId.of(text);
        } catch (InvalidInputException e) {
            throw new NotFoundException("institution", text);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
