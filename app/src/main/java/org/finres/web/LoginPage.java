package org.finres.web;

import org.finres.core.CurrentActor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form; Spring Security handles the POST and redirects back here with the reason of a failure. */
@Controller
class LoginPage {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 Model model) {
        if (CurrentActor.find().isPresent()) {
            return "redirect:/";
        }
        model.addAttribute("failure", failure(error));
        model.addAttribute("loggedOut", logout != null);
        return "login";
    }

    /** The message key for the failure the security filter reported; anything unexpected reads as a bad login. */
    static String failure(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "locked" -> "login.error.locked";
            case "disabled" -> "login.error.disabled";
            default -> "login.error.bad";
        };
    }
}
