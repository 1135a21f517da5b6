package org.finres.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageSwitchTests {

    @Test
    void returnsToPathsOfThisSiteWithTheirQuery() {
        assertThat(LanguageSwitch.localPath("/institutions/bank-1")).isEqualTo("/institutions/bank-1");
        assertThat(LanguageSwitch.localPath("/audit?action=login.&before=120")).isEqualTo("/audit?action=login.&before=120");
        assertThat(LanguageSwitch.localPath("/")).isEqualTo("/");
    }

    @Test
    void refusesEveryWayOfLeavingTheSite() {
        for (String away : new String[] {"//evil.example/", "/\\evil.example", "https://evil.example/", "evil.example",
                "javascript:alert(1)", "/x\r\nSet-Cookie: a=b", "/x y", "", null, "/a\\b"}) {
            assertThat(LanguageSwitch.localPath(away)).as(String.valueOf(away)).isEqualTo("/");
        }
    }

    @Test
    void loginPageNamesEveryFailureTheSecurityFilterReports() {
        assertThat(LoginPage.failure("bad")).isEqualTo("login.error.bad");
        assertThat(LoginPage.failure("locked")).isEqualTo("login.error.locked");
        assertThat(LoginPage.failure("disabled")).isEqualTo("login.error.disabled");
        assertThat(LoginPage.failure("<script>")).isEqualTo("login.error.bad");
        assertThat(LoginPage.failure(null)).isNull();
    }
}
