package org.finres.core.web;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditTrail;
import org.finres.core.ConflictException;
import org.finres.core.CurrentActor;
import org.finres.core.Institution;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.SizeTier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Institution pages: the list, a detail page, and create, edit and delete for those who manage tenants. */
@Controller
@RequestMapping("/institutions")
class InstitutionsPages {

    private static final Set<String> FIELDS = Set.of("institutionId", "name", "kind", "sizeTier");
    private static final List<InstitutionKind> MEMBER_KINDS =
            Arrays.stream(InstitutionKind.values()).filter(InstitutionKind::isMember).toList();

    private final Institutions institutions;
    private final AuditTrail audit;

    InstitutionsPages(Institutions institutions, AuditTrail audit) {
        this.institutions = institutions;
        this.audit = audit;
    }

    /** The create and edit form as typed, codes for the enums ("bank", "medium"), so nothing typed is lost. */
    record InstitutionForm(String institutionId, String name, String kind, String sizeTier) {
        static InstitutionForm of(Institution i) {
            return new InstitutionForm(i.id().value(), i.name(), i.kind().code(),
                    i.sizeTier() == null ? null : i.sizeTier().code());
        }
    }

    @GetMapping
    String list(Model model) {
        Actor actor = CurrentActor.get();
        model.addAttribute("institutions", institutions.list(actor));
        model.addAttribute("canCreate", mayCreate(actor));
        return "institutions/list";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        requireCreate(CurrentActor.get());
        return form(model, new InstitutionForm(null, null, null, null), null, FormErrors.NONE);
    }

    @PostMapping("/new")
    String create(@ModelAttribute InstitutionForm form, Model model, RedirectAttributes redirect) {
        Actor actor = CurrentActor.get();
        requireCreate(actor);
        try {
            Institution created = institutions.create(actor, InstitutionId.of(blankToNull(form.institutionId())),
                    draft(form));
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("institutions.created", created.name()));
            return "redirect:/institutions/" + created.id().value();
        } catch (InvalidInputException e) {
            return form(model, form, null, FormErrors.of(e, FIELDS));
        } catch (ConflictException e) {
            return form(model, form, null, FormErrors.field("institutionId", "institutions.error.taken"));
        }
    }

    @GetMapping("/{id}")
    String detail(@PathVariable String id, Model model) {
        Actor actor = CurrentActor.get();
        return detail(model, actor, institutions.get(actor, institutionId(id)), FormErrors.NONE);
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable String id, Model model) {
        Actor actor = CurrentActor.get();
        Institution institution = institutions.get(actor, institutionId(id));
        requireManage(actor, institution.id());
        return form(model, InstitutionForm.of(institution), institution, FormErrors.NONE);
    }

    @PostMapping("/{id}/edit")
    String update(@PathVariable String id, @ModelAttribute InstitutionForm form, Model model,
                  RedirectAttributes redirect) {
        Actor actor = CurrentActor.get();
        Institution institution = institutions.get(actor, institutionId(id));
        requireManage(actor, institution.id());
        // The id is the path's, whatever the form says: it cannot be changed.
        InstitutionForm typed = new InstitutionForm(institution.id().value(), form.name(), form.kind(), form.sizeTier());
        try {
            Institution updated = institutions.update(actor, institution.id(), draft(typed));
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("institutions.updated", updated.name()));
            return "redirect:/institutions/" + updated.id().value();
        } catch (InvalidInputException e) {
            return form(model, typed, institution, FormErrors.of(e, FIELDS));
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, Model model, RedirectAttributes redirect) {
        Actor actor = CurrentActor.get();
        Institution institution = institutions.get(actor, institutionId(id));
        try {
            institutions.delete(actor, institution.id());
        } catch (ConflictException e) {
            return detail(model, actor, institution, FormErrors.general(e.getMessage()));
        }
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("institutions.deleted", institution.name()));
        return "redirect:/institutions";
    }

    /** The language switch returns to the page it was on with GET; a delete's page is the institution's. */
    @GetMapping("/{id}/delete")
    String deleteIsAPost(@PathVariable String id) {
        return "redirect:/institutions/" + institutionId(id).value();
    }

    private String detail(Model model, Actor actor, Institution institution, FormErrors errors) {
        InstitutionId id = institution.id();
        model.addAttribute("institution", institution);
        model.addAttribute("canManage", actor.may(Permission.INSTITUTIONS_MANAGE, id));
        model.addAttribute("canDelete", actor.may(Permission.INSTITUTIONS_MANAGE, id) && institution.kind().isMember());
        model.addAttribute("canSeeUsers", actor.may(Permission.USERS_READ, id));
        model.addAttribute("canAddUser", actor.may(Permission.USERS_MANAGE, id));
        model.addAttribute("canSeeTokens", actor.may(Permission.TOKENS_READ, id));
        model.addAttribute("errors", errors);
        return "institutions/detail";
    }

    private String form(Model model, InstitutionForm form, Institution existing, FormErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        // The hub and the regulator keep their kind and have no size tier; only members choose.
        model.addAttribute("memberForm", existing == null || existing.kind().isMember());
        model.addAttribute("kinds", MEMBER_KINDS);
        model.addAttribute("tiers", List.of(SizeTier.values()));
        model.addAttribute("errors", errors);
        return "institutions/form";
    }

    private static Institutions.Draft draft(InstitutionForm form) {
        String kind = blankToNull(form.kind());
        if (kind == null) {
            throw new InvalidInputException("kind", "is required");
        }
        String tier = blankToNull(form.sizeTier());
        return new Institutions.Draft(form.name(), InstitutionKind.fromCode(kind),
                tier == null ? null : SizeTier.fromCode(tier));
    }

    private static boolean mayCreate(Actor actor) {
        // A new tenant is nobody's own tenant yet: creating one needs the permission over every tenant.
        return actor.grants().get(Permission.INSTITUTIONS_MANAGE) == Permission.Reach.ALL;
    }

    private void requireCreate(Actor actor) {
        if (!mayCreate(actor)) {
            audit.recordDenied(actor, "institution.create", "institution", null, null,
                    "missing permission INSTITUTIONS_MANAGE");
            throw new AccessRefusedException("creating institutions needs the INSTITUTIONS_MANAGE permission");
        }
    }

    private void requireManage(Actor actor, InstitutionId id) {
        if (!actor.may(Permission.INSTITUTIONS_MANAGE, id)) {
            audit.recordDenied(actor, "institution.update", "institution", id.value(), id,
                    "missing permission INSTITUTIONS_MANAGE");
            throw new AccessRefusedException("changing institutions needs the INSTITUTIONS_MANAGE permission");
        }
    }

    /** A malformed id in a path names nothing that could exist: a 404 like any other unknown institution. */
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
