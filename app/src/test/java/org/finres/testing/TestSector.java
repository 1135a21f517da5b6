package org.finres.testing;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.ApiTokens;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.Role;
import org.finres.core.SizeTier;
import org.finres.core.TokenScope;
import org.finres.core.UserAccount;
import org.finres.core.UserAccounts;
import org.springframework.boot.test.context.TestComponent;

/** Creates tenants, users and tokens with known secrets for tests, acting as the hub itself. */
@TestComponent
public class TestSector {

    public static final String PASSWORD = "correct horse battery staple";
    private static final Actor.SystemProcess SETUP = new Actor.SystemProcess("test-setup");

    private final Institutions institutions;
    private final UserAccounts users;
    private final ApiTokens tokens;

    public TestSector(Institutions institutions, UserAccounts users, ApiTokens tokens) {
        this.institutions = institutions;
        this.users = users;
        this.tokens = tokens;
    }

    /** A new member institution with a unique id starting with the given prefix. */
    public InstitutionId institution(String prefix, InstitutionKind kind) {
        InstitutionId id = InstitutionId.of(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        institutions.create(SETUP, id, new Institutions.Draft("Test " + prefix, kind, SizeTier.MEDIUM));
        return id;
    }

    /** A new user with {@link #PASSWORD}. */
    public UserAccount user(InstitutionId tenant, Role role) {
        String username = role.code() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return users.create(SETUP, new UserAccounts.Draft(tenant, username, "Test " + role.code(), null, role,
                Locale.ENGLISH, PASSWORD)).user();
    }

    /** A new token's secret. */
    public String token(InstitutionId tenant, TokenScope... scopes) {
        return tokens.issue(SETUP, new ApiTokens.Draft(tenant, "test token", Set.of(scopes), Duration.ofDays(1))).secret();
    }
}
