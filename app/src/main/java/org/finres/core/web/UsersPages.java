package org.finres.core.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditTrail;
import org.finres.core.ConflictException;
import org.finres.core.CurrentActor;
import org.finres.core.Institution;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.Role;
import org.finres.core.UserAccount;
import org.finres.core.UserAccounts;
import org.finres.core.UserId;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * User pages: the users of the tenants the actor may see, a create form whose role choices are those of the
 * tenant's kind, and per user: details, role and enable/disable, a password reset shown once, delete.
 */
@Controller
@RequestMapping("/users")
class UsersPages {

    private static final Set<String> NEW_FIELDS =
            Set.of("username", "displayName", "email", "role", "locale", "password");
    private static final Set<String> CHANGE_FIELDS = Set.of("displayName", "email", "role");

    private final UserAccounts users;
    private final Institutions institutions;
    private final AuditTrail audit;

    UsersPages(UserAccounts users, Institutions institutions, AuditTrail audit) {
        this.users = users;
        this.institutions = institutions;
        this.audit = audit;
    }

    /** The create form as typed. The password is optional: left empty, one is generated and shown once. */
    record NewUserForm(String institutionId, String username, String displayName, String email, String role,
                       String locale, String password) {
    }

    /** The change form on a user's page. */
    record ChangeForm(String displayName, String email, String role) {
        static ChangeForm of(UserAccount user) {
            return new ChangeForm(user.displayName(), user.email(), user.role().code());
        }
    }

    @GetMapping
    String list(@RequestParam(required = false) String institution, Model model) {
        Actor actor = CurrentActor.get();
        boolean everyTenant = reachesAll(actor, Permission.USERS_READ);
        InstitutionId filter = everyTenant && blankToNull(institution) != null ? institutionId(institution) : null;
        model.addAttribute("users", users.list(actor, filter));
        model.addAttribute("everyTenant", everyTenant);
        model.addAttribute("filter", filter == null ? null : filter.value());
        model.addAttribute("tenants", visibleTenants(actor));
        model.addAttribute("tenantNames", tenantNames(actor));
        InstitutionId target = filter != null ? filter : everyTenant ? null : actor.institutionId();
        model.addAttribute("canCreate", target == null ? actor.holds(Permission.USERS_MANAGE)
                : actor.may(Permission.USERS_MANAGE, target));
        model.addAttribute("createTenant", target == null ? null : target.value());
        return "users/list";
    }

    @GetMapping("/new")
    String newForm(@RequestParam(required = false) String institution, Model model) {
        Actor actor = CurrentActor.get();
        if (blankToNull(institution) == null) {
            if (reachesAll(actor, Permission.USERS_MANAGE)) {
                // Roles depend on the tenant's kind: choose the tenant first.
                model.addAttribute("tenants", institutions.list(actor));
                return "users/choose-tenant";
            }
            institution = actor.institutionId().value();
        }
        Institution tenant = manageableTenant(actor, institution);
        List<Role> roles = roles(tenant);
        // Least privilege by default: the tenant's analyst role where it has one.
        String role = roles.size() == 1 ? roles.getFirst().code()
                : roles.stream().filter(r -> r.code().endsWith("analyst")).findFirst().map(Role::code).orElse(null);
        NewUserForm blank = new NewUserForm(tenant.id().value(), null, null, null, role,
                LocaleContextHolder.getLocale().getLanguage().equals("en") ? "en" : "zh-TW", null);
        return newForm(model, tenant, blank, FormErrors.NONE);
    }

    @PostMapping("/new")
    String create(@ModelAttribute NewUserForm form, Model model) {
        Actor actor = CurrentActor.get();
        Institution tenant = manageableTenant(actor, form.institutionId());
        try {
            String role = blankToNull(form.role());
            if (role == null) {
                throw new InvalidInputException("role", "is required");
            }
            String locale = blankToNull(form.locale());
            UserAccounts.Created created = users.create(actor, new UserAccounts.Draft(tenant.id(), form.username(),
                    form.displayName(), blankToNull(form.email()), Role.fromCode(role),
                    locale == null ? null : Locale.forLanguageTag(locale),
                    form.password() == null || form.password().isEmpty() ? null : form.password()));
            model.addAttribute("user", created.user());
            model.addAttribute("tenant", tenant);
            model.addAttribute("initialPassword", created.initialPassword());
            return "users/created";
        } catch (InvalidInputException e) {
            return newForm(model, tenant, form, FormErrors.of(e, NEW_FIELDS));
        } catch (ConflictException e) {
            return newForm(model, tenant, form, FormErrors.field("username", "users.error.taken"));
        }
    }

    @GetMapping("/{id}")
    String detail(@PathVariable String id, Model model) {
        Actor actor = CurrentActor.get();
        UserAccount user = users.get(actor, userId(id));
        return detail(model, actor, user, ChangeForm.of(user), FormErrors.NONE);
    }

    @PostMapping("/{id}")
    String change(@PathVariable String id, @ModelAttribute ChangeForm form, Model model, RedirectAttributes redirect) {
        Actor actor = CurrentActor.get();
        UserAccount user = users.get(actor, userId(id));
        try {
            String role = blankToNull(form.role());
            UserAccount changed = users.update(actor, user.id(), new UserAccounts.Changes(form.displayName(),
                    form.email() == null ? null : form.email().strip(), role == null ? null : Role.fromCode(role),
                    null, null));
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("users.updated", changed.username()));
            return "redirect:/users/" + changed.id();
        } catch (InvalidInputException e) {
            return detail(model, actor, user, form, FormErrors.of(e, CHANGE_FIELDS));
        }
    }

    @PostMapping("/{id}/enabled")
    String enable(@PathVariable String id, @RequestParam boolean enabled, Model model, RedirectAttributes redirect) {
        Actor actor = CurrentActor.get();
        UserAccount user = users.get(actor, userId(id));
        try {
            users.update(actor, user.id(), new UserAccounts.Changes(null, null, null, enabled, null));
        } catch (InvalidInputException e) {
            return detail(model, actor, user, ChangeForm.of(user), FormErrors.general(e.getMessage()));
        }
        redirect.addFlashAttribute(Notice.ATTRIBUTE,
                new Notice(enabled ? "users.enabledNotice" : "users.disabledNotice", user.username()));
        return "redirect:/users/" + user.id();
    }

    @PostMapping("/{id}/password-reset")
    String resetPassword(@PathVariable String id, Model model) {
        Actor actor = CurrentActor.get();
        UserAccount user = users.get(actor, userId(id));
        model.addAttribute("user", user);
        model.addAttribute("password", users.resetPassword(actor, user.id()));
        return "users/password";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, Model model, RedirectAttributes redirect) {
        Actor actor = CurrentActor.get();
        UserAccount user = users.get(actor, userId(id));
        try {
            users.delete(actor, user.id());
        } catch (ConflictException e) {
            return detail(model, actor, user, ChangeForm.of(user), FormErrors.general(e.getMessage()));
        }
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("users.deleted", user.username()));
        return reachesAll(actor, Permission.USERS_READ)
                ? "redirect:/users?institution=" + user.institutionId().value() : "redirect:/users";
    }

    /** A page reached by a form post is shown again (after a language switch) by a GET of its path. */
    @GetMapping({"/{id}/enabled", "/{id}/password-reset", "/{id}/delete"})
    String actionsArePosts(@PathVariable String id) {
        return "redirect:/users/" + userId(id);
    }

    private String newForm(Model model, Institution tenant, NewUserForm form, FormErrors errors) {
        model.addAttribute("tenant", tenant);
        model.addAttribute("roles", roles(tenant));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "users/form";
    }

    private String detail(Model model, Actor actor, UserAccount user, ChangeForm form, FormErrors errors) {
        Institution tenant = institutions.find(user.institutionId()).orElseThrow();
        boolean self = actor instanceof Actor.User u && u.id().equals(user.id());
        model.addAttribute("user", user);
        model.addAttribute("tenant", tenant);
        model.addAttribute("roles", roles(tenant));
        model.addAttribute("self", self);
        model.addAttribute("canManage", actor.may(Permission.USERS_MANAGE, user.institutionId()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "users/detail";
    }

    /** The tenant named by the form or query, if the actor may add users to it; else 404 or 403 like the service. */
    private Institution manageableTenant(Actor actor, String institution) {
        InstitutionId id = institutionId(blankToNull(institution) == null ? actor.institutionId().value() : institution);
        if (!actor.may(Permission.USERS_MANAGE, id)) {
            audit.recordDenied(actor, "user.create", "user", null, id, "other tenant or no permission");
            if (actor.may(Permission.USERS_READ, id)) {
                throw new AccessRefusedException("adding users needs the USERS_MANAGE permission");
            }
            throw new NotFoundException("institution", id.value());
        }
        return institutions.find(id).orElseThrow(() -> new NotFoundException("institution", id.value()));
    }

    private List<Institution> visibleTenants(Actor actor) {
        return actor.holds(Permission.INSTITUTIONS_READ) ? institutions.list(actor) : List.of();
    }

    /** Tenant names for the list's tenant column; ids where the actor may not read the institution. */
    private Map<String, String> tenantNames(Actor actor) {
        return visibleTenants(actor).stream()
                .collect(Collectors.toMap(i -> i.id().value(), Institution::name, (a, b) -> a));
    }

    private static List<Role> roles(Institution tenant) {
        return Role.allowedFor(tenant.kind()).stream().sorted().toList();
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

    private static UserId userId(String text) {
        try {
            return UserId.parse(text);
        } catch (InvalidInputException e) {
            throw new NotFoundException("user", text);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
