package org.finres.attack.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;

import org.finres.attack.AttackTechniques;
import org.finres.attack.CatalogueImport;
import org.finres.attack.NamedTechnique;
import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.CurrentActor;
import org.finres.core.InvalidInputException;
import org.finres.core.Permission;
import org.finres.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ATT&CK catalogue: search techniques; hub detection engineers import MITRE's bundles. */
@Controller
@RequestMapping("/attack")
class AttackPages {

    static final int PAGE_SIZE = 500;

    private final AttackTechniques techniques;

    AttackPages(AttackTechniques techniques) {
        this.techniques = techniques;
    }

    @Bean
    static NavigationEntry attackNavigation() {
        return new NavigationEntry("nav.attack", "/attack", 330, AttackTechniques::mayRead);
    }

    /** What an import did or why it did nothing, carried over the redirect. */
    record ImportNotice(String key, String tone, String arg, Integer techniques, Integer tactics)
            implements Serializable {
    }

    @GetMapping
    String list(@RequestParam(required = false) String q,
                @RequestParam(defaultValue = "false") boolean retired, Model model) {
        Actor actor = CurrentActor.get();
        List<NamedTechnique> found = techniques.search(actor, q, retired, PAGE_SIZE + 1);
        model.addAttribute("techniques", found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found);
        model.addAttribute("more", found.size() > PAGE_SIZE);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("retired", retired);
        List<CatalogueImport> imports = techniques.imports(actor);
        model.addAttribute("imports", imports.size() > 10 ? imports.subList(0, 10) : imports);
        model.addAttribute("mayImport", mayImport(actor));
        return "attack/techniques";
    }

    @PostMapping("/import")
    String importBundle(@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        Actor actor = CurrentActor.get();
        if (!mayImport(actor)) {
            throw new AccessRefusedException("importing ATT&CK needs the RULES_MANAGE permission over the sector");
        }
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("importNotice", new ImportNotice("attack.notice.empty", "error", null, null, null));
            return "redirect:/attack";
        }
        try (InputStream in = file.getInputStream()) {
            CatalogueImport done = techniques.importBundle(actor, in);
            redirect.addFlashAttribute("importNotice", new ImportNotice("attack.notice.imported", "ok",
                    String.join(", ", done.collections()), done.techniques(), done.tactics()));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("importNotice", new ImportNotice("attack.notice.refused", "error",
                    e.getMessage(), null, null));
        }
        return "redirect:/attack";
    }

    private static boolean mayImport(Actor actor) {
        return actor.grants().get(Permission.RULES_MANAGE) == Permission.Reach.ALL;
    }
}
