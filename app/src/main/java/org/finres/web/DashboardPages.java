package org.finres.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.finres.core.Actor;
import org.finres.core.ApiTokens;
import org.finres.core.AuditTrail;
import org.finres.core.CurrentActor;
import org.finres.core.Institution;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.Permission;
import org.finres.core.UserAccounts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard: sector figures for those whose permissions reach every tenant, the own institution for the rest.
 * Sector-wide counts are shown only to actors who could list what they count, so a member institution learns
 * nothing about others from it.
 */
@Controller
class DashboardPages {

    private final Institutions institutions;
    private final UserAccounts users;
    private final ApiTokens tokens;
    private final AuditTrail audit;
    private final Clock clock;

    DashboardPages(Institutions institutions, UserAccounts users, ApiTokens tokens, AuditTrail audit, Clock clock) {
        this.institutions = institutions;
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** Member institutions of one kind. */
    record KindCount(InstitutionKind kind, long count) {
    }

    /**
     * The figures the actor may see; a null figure is not shown.
     *
     * @param members         member institutions per kind, every member kind listed even when zero
     * @param ownInstitution  the actor's institution, for actors who see only their own
     * @param auditChain      whether to check the audit chain (lazily, as it walks every record)
     */
    record Figures(List<KindCount> members, Long memberTotal, Institution ownInstitution, Long users,
                   Long activeTokens, Long failedLogins, boolean auditChain) {
    }

    @GetMapping("/")
    String dashboard(Model model) {
        model.addAttribute("figures", figures(CurrentActor.get()));
        return "dashboard";
    }

    /** The audit chain card, fetched by the dashboard after it has loaded: verifying walks the whole chain. */
    @GetMapping("/dashboard/audit-chain")
    String auditChain(Model model) {
        AuditTrail.CheckedChain checked = audit.recentVerification(CurrentActor.get(), Duration.ofMinutes(5));
        model.addAttribute("verification", checked.result());
        model.addAttribute("verifiedAt", checked.checkedAt());
        return "dashboard :: audit-chain";
    }

    Figures figures(Actor actor) {
        List<KindCount> members = null;
        Long memberTotal = null;
        Institution own = null;
        if (reachesAll(actor, Permission.INSTITUTIONS_READ)) {
            Map<InstitutionKind, Long> counts = institutions.countByKind();
            members = Arrays.stream(InstitutionKind.values()).filter(InstitutionKind::isMember)
                    .map(kind -> new KindCount(kind, counts.getOrDefault(kind, 0L))).toList();
            memberTotal = members.stream().mapToLong(KindCount::count).sum();
        } else if (actor.holds(Permission.INSTITUTIONS_READ)) {
            own = institutions.find(actor.institutionId()).orElse(null);
        }
        Long userCount = reachesAll(actor, Permission.USERS_READ) ? users.count()
                : actor.may(Permission.USERS_READ, actor.institutionId()) ? users.countIn(actor.institutionId()) : null;
        Long activeTokens = null;
        if (reachesAll(actor, Permission.TOKENS_READ)) {
            activeTokens = tokens.countActive();
        } else if (actor.may(Permission.TOKENS_READ, actor.institutionId())) {
            Instant now = clock.instant();
            activeTokens = tokens.list(actor, actor.institutionId()).stream().filter(t -> t.activeAt(now)).count();
        }
        Long failedLogins = reachesAll(actor, Permission.AUDIT_READ)
                ? audit.countSince("login.failed", clock.instant().minus(Duration.ofHours(24))) : null;
        boolean chain = actor.may(Permission.AUDIT_VERIFY, InstitutionId.HUB);
        return new Figures(members, memberTotal, own, userCount, activeTokens, failedLogins, chain);
    }

    private static boolean reachesAll(Actor actor, Permission permission) {
        return actor.grants().get(permission) == Permission.Reach.ALL;
    }
}
