package org.finres.web;

import java.util.List;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Permission;
import org.finres.core.Role;
import org.finres.core.UserId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NavigationTests {

    private static Actor.User user(Role role, InstitutionId tenant, InstitutionKind kind) {
        return new Actor.User(new UserId(UUID.randomUUID()), "someone", tenant, kind, role);
    }

    private static Navigation navigation(NavigationEntry... contributed) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (int i = 0; i < contributed.length; i++) {
            beans.addBean("entry" + i, contributed[i]);
        }
        ObjectProvider<NavigationEntry> provider = beans.getBeanProvider(NavigationEntry.class);
        return new Navigation(provider);
    }

    private static List<String> paths(List<NavigationEntry> entries) {
        return entries.stream().map(NavigationEntry::path).toList();
    }

    @Test
    void hubAdminSeesEveryCorePageInMenuOrder() {
        assertThat(paths(navigation().visibleTo(user(Role.HUB_ADMIN, InstitutionId.HUB, InstitutionKind.HUB))))
                .containsExactly("/", "/institutions", "/users", "/tokens", "/audit", "/swagger-ui.html");
    }

    @Test
    void institutionAnalystIsNotOfferedTokensOrTheAuditTrail() {
        Actor analyst = user(Role.INSTITUTION_ANALYST, InstitutionId.of("a-bank"), InstitutionKind.BANK);
        assertThat(paths(navigation().visibleTo(analyst)))
                .containsExactly("/", "/institutions", "/users", "/swagger-ui.html");
    }

    @Test
    void regulatorSeesTheAuditTrailButNotTokens() {
        Actor regulator = user(Role.REGULATOR, InstitutionId.REGULATOR, InstitutionKind.REGULATOR);
        assertThat(paths(navigation().visibleTo(regulator))).contains("/audit").doesNotContain("/tokens");
    }

    @Test
    void visitorWithoutSessionGetsNoMenu() {
        assertThat(navigation().visibleTo(null)).isEmpty();
    }

    @Test
    void entriesContributedByOtherModulesJoinTheMenuByOrderAndPermission() {
        Navigation menu = navigation(
                NavigationEntry.requiring(Permission.AUDIT_VERIFY, "nav.vault", "/vault", 125),
                NavigationEntry.forEveryone("nav.events", "/events", 5));
        assertThat(paths(menu.visibleTo(user(Role.HUB_ADMIN, InstitutionId.HUB, InstitutionKind.HUB))))
                .containsExactly("/", "/events", "/institutions", "/users", "/tokens", "/vault", "/audit",
                        "/swagger-ui.html");
        assertThat(paths(menu.visibleTo(user(Role.INSTITUTION_ADMIN, InstitutionId.of("a-bank"), InstitutionKind.BANK))))
                .contains("/events").doesNotContain("/vault");
    }

    @Test
    void anEntryIsCurrentOnItsOwnPagesAndTheDashboardOnlyOnItself() {
        NavigationEntry users = NavigationEntry.forEveryone("nav.users", "/users", 1);
        NavigationEntry dashboard = NavigationEntry.forEveryone("nav.dashboard", "/", 0);
        assertThat(users.isCurrent("/users")).isTrue();
        assertThat(users.isCurrent("/users/new")).isTrue();
        assertThat(users.isCurrent("/usersettings")).isFalse();
        assertThat(dashboard.isCurrent("/")).isTrue();
        assertThat(dashboard.isCurrent("/users")).isFalse();
    }

    @Test
    void refusesAnEntryThatDoesNotLeadToAPathOfThisSite() {
        assertThatThrownBy(() -> NavigationEntry.forEveryone("nav.x", "https://example.org", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
