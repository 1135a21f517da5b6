package org.finres.core.web;

import java.util.Set;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.SecurityProperties;
import org.finres.core.UserAccount;
import org.finres.core.UserAccounts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own page: who they are, their language, and a password change. */
@Controller
@RequestMapping("/profile")
class ProfilePages {

    private static final Set<String> FIELDS = Set.of("currentPassword", "password", "confirmation");

    private final UserAccounts users;
    private final Institutions institutions;
    private final SecurityProperties policy;

    ProfilePages(UserAccounts users, Institutions institutions, SecurityProperties policy) {
        this.users = users;
        this.institutions = institutions;
        this.policy = policy;
    }

    /**
     * The password change form. Its values are never sent back to the browser, even on an error: a password
     * belongs in no page's HTML.
     */
    record PasswordForm(String currentPassword, String password, String confirmation) {
    }

    @GetMapping
    String profile(Model model) {
        return page(model, self(), FormErrors.NONE);
    }

    @PostMapping("/password")
    String changePassword(@ModelAttribute PasswordForm form, Model model, RedirectAttributes redirect) {
        Actor.User actor = self();
        if (form.password() == null || !form.password().equals(form.confirmation())) {
            return page(model, actor, FormErrors.field("confirmation", "profile.error.mismatch"));
        }
        try {
            users.changeOwnPassword(actor, form.currentPassword(), form.password());
        } catch (InvalidInputException e) {
            return page(model, actor, FormErrors.of(e, FIELDS));
        }
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("profile.passwordChanged", actor.username()));
        return "redirect:/profile";
    }

    @GetMapping("/password")
    String passwordIsAPost() {
        return "redirect:/profile";
    }

    private String page(Model model, Actor.User actor, FormErrors errors) {
        UserAccount account = users.get(actor, actor.id());
        model.addAttribute("account", account);
        model.addAttribute("tenant", institutions.find(actor.institutionId()).orElseThrow());
        model.addAttribute("minPasswordLength", policy.minPasswordLength());
        model.addAttribute("errors", errors);
        return "profile";
    }

    private static Actor.User self() {
        if (CurrentActor.get() instanceof Actor.User user) {
            return user;
        }
        throw new AccessRefusedException("only a signed-in user has a profile");
    }
}
