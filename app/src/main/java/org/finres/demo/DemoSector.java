package org.finres.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.finres.core.Actor;
import org.finres.core.ApiTokens;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.Role;
import org.finres.core.SizeTier;
import org.finres.core.TokenScope;
import org.finres.core.UserAccounts;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo sector once, in one transaction, and prints every credential once. A later start on the same
 * data folder finds the sector there and seeds nothing.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "finres.demo.enabled", havingValue = "true")
class DemoSector implements ApplicationRunner {

    /** A simulated member institution; {@code shortName} prefixes its users' names. */
    record Member(String id, String shortName, String name, InstitutionKind kind, SizeTier tier) {
    }

    static final List<Member> MEMBERS = List.of(
            new Member("taipei-first-bank", "tfb", "臺北第一商業銀行 (Taipei First Commercial Bank)", InstitutionKind.BANK, SizeTier.LARGE),
            new Member("harbour-city-bank", "hcb", "港都銀行 (Harbour City Bank)", InstitutionKind.BANK, SizeTier.MEDIUM),
            new Member("formosa-securities", "fsec", "福爾摩沙證券 (Formosa Securities)", InstitutionKind.SECURITIES, SizeTier.MEDIUM),
            new Member("emerald-peak-life", "epl", "翠峰人壽保險 (Emerald Peak Life Insurance)", InstitutionKind.INSURANCE, SizeTier.LARGE),
            new Member("eastgate-bills", "egb", "東門票券金融 (Eastgate Bills Finance)", InstitutionKind.BILLS_FINANCE, SizeTier.SMALL),
            new Member("lanyang-credit-coop", "lcc", "蘭陽信用合作社 (Lanyang Credit Cooperative)", InstitutionKind.CREDIT_COOPERATIVE, SizeTier.SMALL),
            new Member("swiftpay", "swp", "迅付電子支付 (SwiftPay Electronic Payments)", InstitutionKind.PAYMENT, SizeTier.SMALL));

    private final Institutions institutions;
    private final UserAccounts users;
    private final ApiTokens tokens;
    private final TransactionTemplate transaction;

    DemoSector(Institutions institutions, UserAccounts users, ApiTokens tokens, TransactionTemplate transaction) {
        this.institutions = institutions;
        this.users = users;
        this.tokens = tokens;
        this.transaction = transaction;
    }

    private record Credential(String username, String role, String institution, String password) {
    }

    @Override
    public void run(ApplicationArguments args) {
        PrintStream out = System.out;
        if (institutions.find(InstitutionId.of(MEMBERS.getFirst().id())).isPresent()) {
            out.println("Demo sector already in place (" + MEMBERS.size() + " member institutions); its credentials were "
                    + "printed when it was created. Reset a password with: finres admin users reset-password USER_ID");
            return;
        }
        Actor.SystemProcess demo = new Actor.SystemProcess("demo");
        List<Credential> credentials = new ArrayList<>();
        String cliToken = transaction.execute(status -> {
            credentials.add(seedUser(demo, InstitutionId.HUB, "hub-analyst", "Hub analyst", Role.HUB_ANALYST, Locale.ENGLISH));
            credentials.add(seedUser(demo, InstitutionId.REGULATOR, "fsc-examiner", "FSC examiner", Role.REGULATOR,
                    Locale.forLanguageTag("zh-TW")));
            for (Member m : MEMBERS) {
                institutions.create(demo, InstitutionId.of(m.id()), new Institutions.Draft(m.name(), m.kind(), m.tier()));
                credentials.add(seedUser(demo, InstitutionId.of(m.id()), m.shortName() + "-admin",
                        m.shortName().toUpperCase(Locale.ROOT) + " administrator", Role.INSTITUTION_ADMIN, Locale.forLanguageTag("zh-TW")));
                credentials.add(seedUser(demo, InstitutionId.of(m.id()), m.shortName() + "-analyst",
                        m.shortName().toUpperCase(Locale.ROOT) + " analyst", Role.INSTITUTION_ANALYST, Locale.ENGLISH));
            }
            return tokens.issue(demo, new ApiTokens.Draft(InstitutionId.HUB, "demo command line",
                    Set.of(TokenScope.ADMIN, TokenScope.AUDIT_READ), Duration.ofDays(30))).secret();
        });
        out.println();
        out.println("Demo sector created: the hub, the regulator and " + MEMBERS.size() + " member institutions.");
        out.println("Credentials (shown once; only hashes are stored):");
        out.printf("  %-22s %-20s %-22s %s%n", "username", "role", "institution", "password");
        for (Credential c : credentials) {
            out.printf("  %-22s %-20s %-22s %s%n", c.username(), c.role(), c.institution(), c.password());
        }
        out.println("Hub API token for the command line (admin, audit:read; 30 days):");
        out.println("  export FINRES_TOKEN=" + cliToken);
        out.println();
    }

    private Credential seedUser(Actor.SystemProcess demo, InstitutionId tenant, String username, String name, Role role,
                                Locale locale) {
        var created = users.seed(demo, new UserAccounts.Draft(tenant, username, name, null, role, locale, null));
        return new Credential(username, role.code(), tenant.value(), created.initialPassword());
    }
}
