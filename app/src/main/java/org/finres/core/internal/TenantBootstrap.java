package org.finres.core.internal;

import java.io.PrintStream;
import java.util.Locale;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.Role;
import org.finres.core.UserAccounts;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the very first start, creates the hub operator and regulator tenants and the first hub administrator,
 * whose generated password is printed once on the console (it is stored only as a hash).
 */
@Component
@Order(0)
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "finres.bootstrap.enabled", havingValue = "true",
        matchIfMissing = true)
class TenantBootstrap implements ApplicationRunner {

    private final Institutions institutions;
    private final UserAccounts users;
    private final TransactionTemplate transaction;

    TenantBootstrap(Institutions institutions, UserAccounts users, TransactionTemplate transaction) {
        this.institutions = institutions;
        this.users = users;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (institutions.find(InstitutionId.HUB).isPresent()) {
            return;
        }
        Actor.SystemProcess bootstrap = new Actor.SystemProcess("bootstrap");
        String password = transaction.execute(status -> {
            institutions.createSpecialTenant(bootstrap, InstitutionId.HUB,
                    "金融資安資訊分享與分析中心 (F-ISAC)", InstitutionKind.HUB);
            institutions.createSpecialTenant(bootstrap, InstitutionId.REGULATOR,
                    "金融監督管理委員會 (Financial Supervisory Commission)", InstitutionKind.REGULATOR);
            return users.seed(bootstrap, new UserAccounts.Draft(InstitutionId.HUB, "admin", "Hub administrator",
                    null, Role.HUB_ADMIN, Locale.forLanguageTag("zh-TW"), null)).initialPassword();
        });
        PrintStream out = System.out;
        out.println();
        out.println("FinRes first start: created the hub and regulator tenants and the hub administrator.");
        out.println("  username: admin");
        out.println("  password: " + password + "   (shown once; only its hash is stored)");
        out.println();
    }
}
