package org.finres.core.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.ApiToken;
import org.finres.core.ApiTokens;
import org.finres.core.AuditTrail;
import org.finres.core.CurrentActor;
import org.finres.core.Institution;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.IssuedToken;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.SecurityProperties;
import org.finres.core.TokenId;
import org.finres.core.TokenScope;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** API token pages: the list, a form that issues a token and shows its secret once, and revoke. */
@Controller
@RequestMapping("/tokens")
class TokensPages {

    private static final Set<String> FIELDS = Set.of("institutionId", "name", "scopes", "validDays");
    private static final String DEFAULT_DAYS = "90";

    private final ApiTokens tokens;
    private final Institutions institutions;
    private final AuditTrail audit;
    private final SecurityProperties policy;
    private final Clock clock;

    TokensPages(ApiTokens tokens, Institutions institutions, AuditTrail audit, SecurityProperties policy, Clock clock) {
        this.tokens = tokens;
        this.institutions = institutions;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
    }

    /** The issue form as typed; the validity stays text so that "abc" comes back to be corrected. */
    record TokenForm(String institutionId, String name, List<String> scopes, String validDays) {
        public boolean has(TokenScope scope) {
            return scopes != null && scopes.contains(scope.code());
        }
    }

    /** A token in the list, with what the page may offer for it. */
    record TokenRow(ApiToken token, boolean active, boolean revocable) {
    }

    @GetMapping
    String list(@RequestParam(required = false) String institution, Model model) {
        Actor actor = CurrentActor.get();
        boolean everyTenant = reachesAll(actor, Permission.TOKENS_READ);
        InstitutionId filter = everyTenant && blankToNull(institution) != null ? institutionId(institution) : null;
        Instant now = clock.instant();
        List<TokenRow> rows = tokens.list(actor, filter).stream()
                .map(t -> new TokenRow(t, t.activeAt(now),
                        t.activeAt(now) && actor.may(Permission.TOKENS_MANAGE, t.institutionId())))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("everyTenant", everyTenant);
        model.addAttribute("filter", filter == null ? null : filter.value());
        List<Institution> visible = actor.holds(Permission.INSTITUTIONS_READ) ? institutions.list(actor) : List.of();
        model.addAttribute("tenants", everyTenant ? visible : List.of());
        model.addAttribute("tenantNames", visible.stream()
                .collect(Collectors.toMap(i -> i.id().value(), Institution::name, (a, b) -> a)));
        model.addAttribute("canIssue", actor.holds(Permission.TOKENS_MANAGE));
        return "tokens/list";
    }

    @GetMapping("/new")
    String newForm(@RequestParam(required = false) String institution, Model model) {
        Actor actor = CurrentActor.get();
        requireIssue(actor);
        String tenant = blankToNull(institution) == null ? actor.institutionId().value() : institution;
        // Asking for another tenant's form is refused (and audited) like any other look at that tenant.
        if (!actor.may(Permission.TOKENS_MANAGE, institutionId(tenant))) {
            institutions.get(actor, institutionId(tenant));
            throw new NotFoundException("institution", tenant);
        }
        return form(model, actor, new TokenForm(tenant, null, List.of(TokenScope.READ.code()), DEFAULT_DAYS),
                FormErrors.NONE);
    }

    @PostMapping("/new")
    String issue(@ModelAttribute TokenForm form, Model model) {
        Actor actor = CurrentActor.get();
        requireIssue(actor);
        try {
            InstitutionId tenant = blankToNull(form.institutionId()) == null ? actor.institutionId()
                    : InstitutionId.of(form.institutionId().strip());
            if (form.scopes() == null || form.scopes().isEmpty()) {
                throw new InvalidInputException("scopes", "needs at least one of " + TokenScope.codes());
            }
            Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
            form.scopes().forEach(code -> scopes.add(TokenScope.fromCode(code)));
            IssuedToken issued = tokens.issue(actor,
                    new ApiTokens.Draft(tenant, form.name(), scopes, Duration.ofDays(days(form.validDays()))));
            model.addAttribute("issued", issued);
            model.addAttribute("tenant", institutions.find(issued.token().institutionId()).orElseThrow());
            return "tokens/issued";
        } catch (InvalidInputException e) {
            return form(model, actor, form, FormErrors.of(e, FIELDS));
        }
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable String id, RedirectAttributes redirect) {
        ApiToken revoked = tokens.revoke(CurrentActor.get(), tokenId(id));
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("tokens.revoked", revoked.name()));
        return "redirect:/tokens";
    }

    @GetMapping("/{id}/revoke")
    String revokeIsAPost(@PathVariable String id) {
        return "redirect:/tokens";
    }

    private String form(Model model, Actor actor, TokenForm form, FormErrors errors) {
        // Only tenants the actor may issue tokens for; usually just its own.
        List<Institution> tenants = !actor.holds(Permission.INSTITUTIONS_READ)
                ? institutions.find(actor.institutionId()).stream().toList()
                : institutions.list(actor).stream()
                .filter(i -> actor.may(Permission.TOKENS_MANAGE, i.id())).toList();
        model.addAttribute("tenants", tenants);
        model.addAttribute("scopes", List.of(TokenScope.values()));
        model.addAttribute("maxDays", policy.maxTokenLifetime().toDays());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "tokens/form";
    }

    private static long days(String text) {
        String days = blankToNull(text);
        if (days == null) {
            throw new InvalidInputException("validDays", "is required");
        }
        try {
            long value = Long.parseLong(days);
            if (value <= 0) {
                throw new InvalidInputException("validDays", "must be a positive number of days");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("validDays", "must be a whole number of days (was '"
                    + InvalidInputException.preview(days) + "')");
        }
    }

    private void requireIssue(Actor actor) {
        if (!actor.holds(Permission.TOKENS_MANAGE)) {
            audit.recordDenied(actor, "token.create", "api_token", null, actor.institutionId(),
                    "missing permission TOKENS_MANAGE");
            throw new AccessRefusedException("issuing tokens needs the TOKENS_MANAGE permission");
        }
    }

    private static boolean reachesAll(Actor actor, Permission permission) {
        return actor.grants().get(permission) == Permission.Reach.ALL;
    }

    private static InstitutionId institutionId(String text) {
        try {
            return InstitutionId.of(text);
        } catch (InvalidInputException e) {
            throw new NotFoundException("institution", text);
        }
    }

    private static TokenId tokenId(String text) {
        try {
            return new TokenId(text);
        } catch (InvalidInputException e) {
            throw new NotFoundException("token", text);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
