package org.finres.warning;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.testing.WebVisitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The warning pages in both languages: a member declares, the hub previews and issues, the member acknowledges. */
@HubIntegrationTest
class WarningsPagesIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;

    @Test
    void aMemberDeclaresTheHubPreviewsAndIssuesAndTheMemberAcknowledges() throws Exception {
        InstitutionId bank = sector.institution("pages-exposed", InstitutionKind.BANK);
        InstitutionId other = sector.institution("pages-other", InstitutionKind.BANK);
        WebVisitor memberAdmin = visitor("zh-TW", bank, Role.INSTITUTION_ADMIN);
        HttpResponse<String> declared = memberAdmin.post("/warnings/exposure",
                Map.of("kind", "product", "value", "Citrix NetScaler ADC 14.1"));
        assertThat(declared.statusCode()).isEqualTo(302);
        String exposurePage = memberAdmin.get("/warnings/exposure").body();
        assertThat(exposurePage).contains("曝險資料與通知").contains("Citrix NetScaler ADC 14.1").contains("data-testid=\"webhook-key\"");
        memberAdmin.post("/warnings/exposure", Map.of("kind", "range", "value", "not-a-range"));
        assertThat(memberAdmin.get("/warnings/exposure").body()).contains("遭拒").contains("is not an IPv4 or IPv6 address");
        WebVisitor otherAdmin = visitor("en", other, Role.INSTITUTION_ADMIN);
        assertThat(otherAdmin.get("/warnings/exposure").body()).doesNotContain("Citrix NetScaler");

        WebVisitor hub = visitor("en", InstitutionId.HUB, Role.HUB_ANALYST);
        assertThat(hub.get("/warnings/exposure").body()).contains("Citrix NetScaler ADC 14.1").contains(bank.value());
        Map<String, String> form = new LinkedHashMap<>(Map.of("title", "NetScaler session hijacking", "severity", "critical",
                "tlp", "amber", "audience", "exposed", "products", "citrix netscaler", "advice", "Patch and kill sessions.",
                "indicators", "ipv4,192.0.2.77\nnetscaler-patch.example", "techniques", "T1133, T1190",
                "acknowledgeWithin", "12"));
        form.put("action", "preview");
        String preview = hub.post("/warnings/new", form).body();
        assertThat(preview).contains("Would go to 1 member(s)").contains("data-id=\"" + bank.value() + "\"")
                .contains("product Citrix NetScaler ADC 14.1 (citrix netscaler)")
                .contains("value=\"NetScaler session hijacking\"");
        Map<String, String> bad = new LinkedHashMap<>(form);
        bad.put("indicators", "md5,xyz");
        bad.put("action", "issue");
        assertThat(hub.post("/warnings/new", bad).body()).contains("Nothing was issued:").contains("md5 &#39;xyz&#39; is not an MD5 hash");
        form.put("action", "issue");
        HttpResponse<String> issued = hub.post("/warnings/new", form);
        assertThat(issued.statusCode()).isEqualTo(302);
        String location = issued.headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/warnings/"));
        assertThat(hub.get(path).body()).contains("data-testid=\"recipients\"").contains("0 of 1 acknowledged; 0 escalated");
        assertThat(hub.get("/warnings").body()).contains("NetScaler session hijacking");

        WebVisitor analyst = visitor("zh-TW", bank, Role.INSTITUTION_ANALYST);
        assertThat(analyst.get("/warnings").body()).contains("NetScaler session hijacking").contains("待確認");
        String detail = analyst.get(path).body();
        assertThat(detail).contains("data-testid=\"acknowledge\"").contains("Patch and kill sessions.")
                .contains("192.0.2.77").doesNotContain("data-testid=\"recipients\"").contains("符合原因");
        assertThat(analyst.post(path + "/acknowledge", Map.of()).statusCode()).isEqualTo(302);
        assertThat(analyst.get(path).body()).contains("已確認").doesNotContain("data-testid=\"acknowledge\"");
        assertThat(hub.get(path).body()).contains("1 of 1 acknowledged");

        assertThat(otherAdmin.get(path).statusCode()).as("a member it was not sent to").isEqualTo(404);
        assertThat(otherAdmin.get("/warnings").body()).doesNotContain("NetScaler session hijacking");
        assertThat(otherAdmin.get("/warnings/new").statusCode()).isEqualTo(403);
        assertThat(visitor("en", InstitutionId.REGULATOR, Role.REGULATOR).get("/warnings").statusCode()).isEqualTo(403);
    }

    private WebVisitor visitor(String language, InstitutionId tenant, Role role) throws Exception {
        WebVisitor visitor = new WebVisitor(port, language);
        visitor.login(sector.user(tenant, role).username());
        visitor.post("/language", Map.of("lang", language, "return", "/"));
        return visitor;
    }
}
