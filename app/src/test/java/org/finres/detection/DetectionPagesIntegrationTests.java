package org.finres.detection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.TokenScope;
import org.finres.detection.internal.indicator.IndicatorType;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.testing.WebVisitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detection pages over HTTP with a signed-in session: what each role sees of alerts, rules and indicators,
 * triage through the forms with its notices, uploads through the multipart forms, and tenancy on every page.
 */
@HubIntegrationTest
class DetectionPagesIntegrationTests {

    /** Addresses of 198.18.0.0/15 (public as far as the rules go) that no other test uses. */
    private static final int SUBNET = ThreadLocalRandom.current().nextInt(0, 200);
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static final Actor.SystemProcess SETUP = new Actor.SystemProcess("test-setup");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    RuleCatalogue catalogue;
    @Autowired
    Alerts alerts;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void demoRules() {
        catalogue.importShippedPack(SETUP, "demo", RuleScope.HUB);
    }

    static String freshAddress() {
        return "198.18." + SUBNET + "." + ADDRESSES.incrementAndGet();
    }

    @Test
    void anInstitutionAnalystSeesOnlyItsOwnAlertsAndAnotherInstitutionsAlertIsNotFound() throws Exception {
        InstitutionId bank = sector.institution("pages-own", InstitutionKind.BANK);
        InstitutionId other = sector.institution("pages-other", InstitutionKind.BANK);
        String address = freshAddress();
        long own = raiseRdpAlert(bank, address);
        long foreign = raiseRdpAlert(other, address);

        WebVisitor analyst = visitor("en", bank, Role.INSTITUTION_ANALYST);
        HttpResponse<String> list = analyst.get("/alerts?kind=detection&text=RDP");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("href=\"/alerts/" + own + "\"").doesNotContain("href=\"/alerts/" + foreign + "\"")
                .contains("Denied RDP from a public address").contains("badge-level level-medium")
                .doesNotContain(other.value());
        // Without a filter as well: nothing of the other bank on the first page.
        assertThat(analyst.get("/alerts").body()).doesNotContain("href=\"/alerts/" + foreign + "\"");
        assertThat(analyst.get("/").body()).contains("href=\"/alerts\"").contains("href=\"/detection/rules\"")
                .doesNotContain("href=\"/detection/indicators\"");

        // Older pages continue below the given id; the newest page is one link away.
        assertThat(analyst.get("/alerts?kind=detection&text=RDP&before=" + own).body())
                .doesNotContain("href=\"/alerts/" + own + "\"").contains(">Newest<");
        // The hub picks the institution; a member asking for another one learns nothing.
        WebVisitor hub = visitor("en", InstitutionId.HUB, Role.HUB_ANALYST);
        assertThat(hub.get("/alerts?kind=detection&institution=" + other.value()).body())
                .contains("href=\"/alerts/" + foreign + "\"").doesNotContain("href=\"/alerts/" + own + "\"")
                .containsPattern("<option value=\"" + other.value() + "\"\\s+selected=\"selected\"");
        assertThat(analyst.get("/alerts?institution=" + other.value()).statusCode()).isEqualTo(404);
        assertThat(analyst.get("/alerts").body()).doesNotContain("id=\"institution\"");

        assertThat(analyst.get("/alerts/" + foreign).statusCode()).isEqualTo(404);
        assertThat(analyst.post("/alerts/" + foreign + "/acknowledge", Map.of()).statusCode()).isEqualTo(404);
        assertThat(analyst.get("/alerts/not-a-number").statusCode()).isEqualTo(404);

        HttpResponse<String> page = analyst.get("/alerts/" + own);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"acknowledge\"").contains("data-testid=\"close-form\"")
                .contains("&quot;class_uid&quot; : 2004").contains(address)
                .contains("href=\"/events/" + bank.value() + "/");
        // The evidence link opens the event plane's page of that event.
        String link = page.body().replaceAll("(?s).*href=\"(/events/" + bank.value() + "/[^\"]+)\".*", "$1")
                .replace("&amp;", "&");
        assertThat(analyst.get(link).statusCode()).as(link).isEqualTo(200);
    }

    @Test
    void theRegulatorHasNoAlertsAndAnInstitutionNoIndicators() throws Exception {
        WebVisitor regulator = visitor("en", InstitutionId.REGULATOR, Role.REGULATOR);
        assertThat(regulator.get("/alerts").statusCode()).isEqualTo(403);
        assertThat(regulator.get("/alerts/1").statusCode()).isEqualTo(403);
        assertThat(regulator.get("/detection/rules").statusCode()).isEqualTo(403);
        assertThat(regulator.get("/detection/indicators").statusCode()).isEqualTo(403);
        assertThat(regulator.get("/").body()).doesNotContain("href=\"/alerts\"").doesNotContain("href=\"/detection/");

        InstitutionId bank = sector.institution("pages-noioc", InstitutionKind.BANK);
        WebVisitor admin = visitor("en", bank, Role.INSTITUTION_ADMIN);
        assertThat(admin.get("/detection/indicators").statusCode()).isEqualTo(403);
        assertThat(admin.post("/detection/indicators/1/retire", Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void aMemberSeesOnlyItsOwnRowOfASectorAlertAndMayNotTriageIt() throws Exception {
        String attacker = freshAddress();
        List<InstitutionId> banks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            InstitutionId bank = sector.institution("pages-sector" + i, InstitutionKind.BANK);
            banks.add(bank);
            raiseRdpAlert(bank, attacker);
        }
        AlertSummary sectorAlert = await(() -> alerts.list(SETUP, new AlertQuery(null, null, AlertKind.SECTOR, null,
                attacker, null, 10)), found -> !found.isEmpty()).getFirst();
        await(() -> List.of(alerts.get(SETUP, sectorAlert.id())), d -> d.getFirst().members().size() >= 3);

        WebVisitor member = visitor("en", banks.getFirst(), Role.INSTITUTION_ADMIN);
        HttpResponse<String> page = member.get("/alerts/" + sectorAlert.id());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(count(page.body(), "data-testid=\"member-row\"")).isEqualTo(1);
        assertThat(page.body()).contains(banks.get(0).value()).doesNotContain(banks.get(1).value())
                .doesNotContain(banks.get(2).value()).contains("1 institution")
                .doesNotContain("data-testid=\"acknowledge\"").doesNotContain("data-testid=\"close-form\"")
                .doesNotContain("data-testid=\"finding-json\"");
        assertThat(member.post("/alerts/" + sectorAlert.id() + "/acknowledge", Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> list = member.get("/alerts?kind=sector&text=" + attacker);
        assertThat(list.body()).contains("href=\"/alerts/" + sectorAlert.id() + "\"").contains("1 institution");

        WebVisitor hub = visitor("zh-TW", InstitutionId.HUB, Role.HUB_ANALYST);
        HttpResponse<String> full = hub.get("/alerts/" + sectorAlert.id());
        assertThat(count(full.body(), "data-testid=\"member-row\"")).isGreaterThanOrEqualTo(3);
        assertThat(full.body()).contains(banks.get(1).value()).contains(banks.get(2).value())
                .contains("data-testid=\"acknowledge\"").contains("data-testid=\"finding-json\"")
                .contains("涉及機構").contains("確認告警").contains("誤報");
        assertThat(hub.get("/alerts?kind=sector&text=" + attacker).body()).contains("家機構").contains("跨機構");
    }

    @Test
    void triageThroughTheFormsSaysWhatHappenedAndNeverFailsOnAConflictOrABadReason() throws Exception {
        InstitutionId bank = sector.institution("pages-triage", InstitutionKind.BANK);
        long id = raiseRdpAlert(bank, freshAddress());
        WebVisitor analyst = visitor("en", bank, Role.INSTITUTION_ANALYST);
        analyst.get("/alerts/" + id);

        HttpResponse<String> ack = analyst.post("/alerts/" + id + "/acknowledge", Map.of());
        assertThat(ack.statusCode()).isEqualTo(302);
        assertThat(ack.headers().firstValue("Location").orElseThrow()).endsWith("/alerts/" + id);
        HttpResponse<String> after = analyst.get("/alerts/" + id);
        assertThat(after.body()).contains("Alert " + id + " acknowledged.").contains("Acknowledged by user:")
                .doesNotContain("data-testid=\"acknowledge\"").contains("data-testid=\"close-form\"");

        // A second acknowledgement (another tab, a colleague) is a notice, not an error page.
        analyst.post("/alerts/" + id + "/acknowledge", Map.of());
        assertThat(analyst.get("/alerts/" + id).body()).contains("had already been acknowledged");

        analyst.post("/alerts/" + id + "/close", Map.of("reason", "bored"));
        assertThat(analyst.get("/alerts/" + id).body()).contains("Choose one of the listed reasons");
        analyst.post("/alerts/" + id + "/close", Map.of("reason", ""));
        assertThat(analyst.get("/alerts/" + id).body()).contains("Choose a reason to close alert " + id);
        analyst.post("/alerts/" + id + "/close", Map.of("reason", "resolved", "note", "x".repeat(2_001)));
        assertThat(analyst.get("/alerts/" + id).body()).contains("at most 2000 characters");
        assertThat(alerts.get(SETUP, id).summary().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);

        HttpResponse<String> close = analyst.post("/alerts/" + id + "/close",
                Map.of("reason", "false-positive", "note", "pen test <b>ok</b>"));
        assertThat(close.statusCode()).isEqualTo(302);
        HttpResponse<String> closed = analyst.get("/alerts/" + id);
        assertThat(closed.body()).contains("Alert " + id + " closed.").contains("Closed: False positive")
                .doesNotContain("data-testid=\"close-form\"").doesNotContain("data-testid=\"acknowledge\"");
        assertThat(alerts.get(SETUP, id).summary().closeReason()).isEqualTo("false-positive");

        analyst.post("/alerts/" + id + "/close", Map.of("reason", "resolved"));
        assertThat(analyst.get("/alerts/" + id).body()).contains("is already closed");
        assertThat(analyst.get("/alerts?status=closed&text=RDP").body()).contains("href=\"/alerts/" + id + "\"");
        assertThat(analyst.get("/alerts?status=bogus").body()).contains("Choose a status from the list.");
        assertThat(analyst.get("/alerts?before=abc").body()).contains("The page position must be a whole number");
        assertThat(analyst.get("/alerts?minLevel=urgent").statusCode()).isEqualTo(200);

        // In Traditional Chinese too.
        WebVisitor chinese = visitor("zh-TW", bank, Role.INSTITUTION_ANALYST);
        HttpResponse<String> zh = chinese.get("/alerts/" + id);
        assertThat(zh.body()).contains("已結案：誤報").contains("佐證事件").contains("研判與處置");
        chinese.post("/alerts/" + id + "/acknowledge", Map.of());
        assertThat(chinese.get("/alerts/" + id).body()).contains("已結案，結案後不會重新開啟");
    }

    @Test
    void onlyThoseWhoMayManageRulesAreOfferedTheUploadAndTheSwitches() throws Exception {
        InstitutionId bank = sector.institution("pages-rules", InstitutionKind.BANK);
        WebVisitor analyst = visitor("en", bank, Role.INSTITUTION_ANALYST);
        HttpResponse<String> read = analyst.get("/detection/rules");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("Denied RDP from a public address")
                .doesNotContain("data-testid=\"rule-upload\"").doesNotContain("data-testid=\"disable\"");
        assertThat(analyst.post("/detection/rules/upload", Map.of("scope", "institution")).statusCode()).isEqualTo(403);

        WebVisitor admin = visitor("en", bank, Role.INSTITUTION_ADMIN);
        HttpResponse<String> manage = admin.get("/detection/rules");
        assertThat(manage.body()).contains("data-testid=\"rule-upload\"").doesNotContain("data-testid=\"disable\"");
        assertThat(uploadForm(manage.body())).contains("value=\"institution\"").doesNotContain("value=\"hub\"")
                .doesNotContain("upload-institution");

        String ruleId = UUID.randomUUID().toString();
        String title = "Pages test rule " + ruleId.substring(0, 8);
        byte[] zip = zip(Map.of(
                "rules/good.yml", rule(ruleId, title),
                "rules/broken.yml", "title: broken\nlogsource: [\n",
                "README.md", "not a rule"));
        HttpResponse<String> upload = upload(admin, "/detection/rules", "/detection/rules/upload",
                Map.of("scope", "institution"), "rules.zip", "application/zip", zip);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(302);
        HttpResponse<String> result = admin.get("/detection/rules");
        assertThat(result.body()).contains("data-testid=\"import-result\"")
                .contains("Files read: 2. Created 1, updated 0, unchanged 0.")
                .contains("rules/broken.yml").contains(title).contains("data-testid=\"disable\"");

        RuleEntry mine = catalogue.list(SETUP, RuleScope.INSTITUTION, bank).stream()
                .filter(r -> r.title().equals(title)).findFirst().orElseThrow();
        assertThat(mine.institution()).isEqualTo(bank);
        HttpResponse<String> detail = admin.get("/detection/rules/" + mine.id());
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("data-testid=\"rule-yaml\"").contains("title: " + title)
                .contains("data-testid=\"version-row\"").contains("data-testid=\"disable\"");
        admin.post("/detection/rules/" + mine.id() + "/disable", Map.of("from", "detail"));
        assertThat(admin.get("/detection/rules/" + mine.id()).body()).contains("Disabled: " + title)
                .contains("data-testid=\"enable\"");
        assertThat(catalogue.get(SETUP, mine.id()).enabled()).isFalse();
        admin.post("/detection/rules/" + mine.id() + "/enable", Map.of());
        assertThat(catalogue.get(SETUP, mine.id()).enabled()).isTrue();

        // Another institution neither sees nor switches it; the analyst sees it without a switch.
        InstitutionId stranger = sector.institution("pages-rules-x", InstitutionKind.BANK);
        WebVisitor strangerAdmin = visitor("en", stranger, Role.INSTITUTION_ADMIN);
        assertThat(strangerAdmin.get("/detection/rules").body()).doesNotContain(title);
        assertThat(strangerAdmin.get("/detection/rules/" + mine.id()).statusCode()).isEqualTo(404);
        assertThat(strangerAdmin.post("/detection/rules/" + mine.id() + "/disable", Map.of()).statusCode()).isEqualTo(404);
        assertThat(analyst.get("/detection/rules").body()).contains(title).doesNotContain("data-testid=\"disable\"");

        // Bad uploads are notices in the visitor's language.
        upload(admin, "/detection/rules", "/detection/rules/upload", Map.of("scope", "institution"),
                "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(admin.get("/detection/rules").body()).contains("notes.txt is not a .yml, .yaml or .zip file.");
        upload(admin, "/detection/rules", "/detection/rules/upload", Map.of("scope", "institution"),
                "empty.zip", "application/zip", zip(Map.of("README.md", "nothing")));
        assertThat(admin.get("/detection/rules").body()).contains("The zip holds no .yml or .yaml file.");
        upload(admin, "/detection/rules", "/detection/rules/upload", Map.of("scope", "institution"),
                "latin1.yml", "application/yaml", new byte[]{'t', 'i', (byte) 0xe9, '\n'});
        assertThat(admin.get("/detection/rules").body()).contains("latin1.yml is not UTF-8 text.");
        assertThat(admin.post("/detection/rules/upload", Map.of("scope", "hub")).statusCode()).isEqualTo(302);
        assertThat(admin.get("/detection/rules").body()).contains("Choose a .yml, .yaml or .zip file to upload.");

        // The hub may switch hub rules, and is offered every scope.
        WebVisitor hub = visitor("zh-TW", InstitutionId.HUB, Role.HUB_ADMIN);
        HttpResponse<String> hubPage = hub.get("/detection/rules");
        assertThat(hubPage.body()).contains("data-testid=\"disable\"").contains("偵測規則").contains("上傳規則");
        assertThat(uploadForm(hubPage.body())).contains("value=\"hub\"").contains("value=\"sector\"")
                .contains("upload-institution");
        assertThat(hub.get("/detection/rules/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void theHubUploadsSearchesAndRetiresIndicators() throws Exception {
        String domain = "pages-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        WebVisitor analyst = visitor("en", InstitutionId.HUB, Role.HUB_ANALYST);
        HttpResponse<String> empty = analyst.get("/detection/indicators");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("data-testid=\"indicator-upload\"");

        HttpResponse<String> sent = upload(analyst, "/detection/indicators", "/detection/indicators/upload",
                Map.of("format", "csv", "text", "domain," + domain + ",pages test\nipv4,999.1.1.1,broken\n",
                        "source", "pages test"), null, null, null);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        HttpResponse<String> result = analyst.get("/detection/indicators?q=" + domain);
        assertThat(result.body()).contains("Added 1, reactivated 0, unchanged 0").contains("line 2")
                .contains(domain).contains("data-testid=\"retire\"");

        // A file wins over the text area, and the same value again is unchanged.
        upload(analyst, "/detection/indicators", "/detection/indicators/upload", Map.of("format", "auto"),
                "list.txt", "text/plain", (domain + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(analyst.get("/detection/indicators").body()).contains("Added 0, reactivated 0, unchanged 1");
        upload(analyst, "/detection/indicators", "/detection/indicators/upload", Map.of("text", "  "), null, null, null);
        assertThat(analyst.get("/detection/indicators").body()).contains("Paste indicators or choose a file first.");

        String id = result.body().replaceAll("(?s).*data-id=\"(\\d+)\".*", "$1");
        analyst.post("/detection/indicators/" + id + "/retire", Map.of());
        HttpResponse<String> retired = analyst.get("/detection/indicators?q=" + domain);
        assertThat(retired.body()).contains("Indicator " + id + " retired").contains("Retired")
                .doesNotContain("data-testid=\"retire\"");
        analyst.post("/detection/indicators/" + id + "/retire", Map.of());
        assertThat(analyst.get("/detection/indicators").body()).contains("is no longer active");
        assertThat(analyst.get("/detection/indicators?type=bogus").body()).contains("The filter is not valid.");
        assertThat(analyst.get("/detection/indicators?type=domain&q=" + domain).body()).contains(domain);
    }

    @Test
    void everyMessageKeyThePagesBuildFromCodesExistsInBothLanguages() throws IOException {
        List<String> keys = new ArrayList<>();
        for (AlertStatus s : AlertStatus.values()) {
            keys.add("alerts.status." + s.code());
            keys.add("alerts.notice.conflict." + s.code());
        }
        for (AlertKind k : AlertKind.values()) keys.add("alerts.kind." + k.code());
        for (CloseReason r : CloseReason.values()) keys.add("alerts.reason." + r.code());
        for (String level : List.of("informational", "low", "medium", "high", "critical")) keys.add("detection.level." + level);
        for (String field : List.of("status", "kind", "minLevel", "institutionId", "before", "other")) {
            keys.add("alerts.filterError." + field);
        }
        for (RuleScope s : RuleScope.values()) keys.add("rules.scope." + s.code());
        for (String status : List.of("loaded", "inactive", "failed", "unsupported", "disabled", "pending")) {
            keys.add("rules.status." + status);
        }
        for (String type : List.of("rule", "correlation", "filter")) keys.add("rules.type." + type);
        for (String rule : List.of("tooLarge", "notZip", "emptyZip", "tooManyEntries", "notUtf8", "notYaml",
                "badScope", "institutionRequired", "noFile", "refused")) {
            keys.add("rules.upload." + rule);
        }
        for (IndicatorType t : IndicatorType.values()) keys.add("indicators.type." + t.code());
        for (String f : List.of("auto", "csv", "jsonl", "values", "json_lines")) keys.add("indicators.format." + f);
        for (String n : List.of("tooLarge", "notUtf8", "empty", "badFormat", "sourceTooLong", "refused", "retired",
                "notActive")) {
            keys.add("indicators.notice." + n);
        }
        for (String bundle : List.of("messages.properties", "messages_zh_TW.properties")) {
            Properties messages = new Properties();
            try (InputStream in = getClass().getResourceAsStream("/i18n/" + bundle)) {
                messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            assertThat(messages.stringPropertyNames()).as(bundle).containsAll(keys);
        }
    }

    /** Sends a denied RDP connection from the address as the bank's SOC and returns the bank's alert for it. */
    private long raiseRdpAlert(InstitutionId bank, String address) throws Exception {
        String line = "CEF:0|Fortinet|FortiGate|7.2.5|13|traffic denied|8|rt=" + Instant.now().toEpochMilli()
                + " src=" + address + " spt=51337 dst=10.24.1.9 dpt=3389 proto=6 act=deny msg=denied by policy 12";
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + sector.token(bank, TokenScope.EVENTS_WRITE))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(line)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        // A detection alert groups nothing, so its text is the rule's; each test's bank is its own.
        return await(() -> alerts.list(SETUP, new AlertQuery(bank, null, AlertKind.DETECTION, null, "RDP", null, 10)),
                found -> !found.isEmpty()).getFirst().id();
    }

    private interface Query<T> {
        List<T> run() throws Exception;
    }

    private static <T> List<T> await(Query<T> query, Predicate<List<T>> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<T> found;
        do {
            found = query.run();
            if (done.test(found)) {
                return found;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("not there after 30 s: " + found);
    }

    private WebVisitor visitor(String language, InstitutionId tenant, Role role) throws Exception {
        WebVisitor visitor = new WebVisitor(port, language);
        visitor.login(sector.user(tenant, role).username());
        // The account's own language (English) wins over the browser's, so switch it as a visitor would.
        visitor.post("/language", Map.of("lang", language, "return", "/"));
        return visitor;
    }

    /** A multipart form post as a browser sends it, with the CSRF token of the page that has the form. */
    private static HttpResponse<String> upload(WebVisitor visitor, String formPage, String action,
                                               Map<String, String> fields, String fileName, String contentType,
                                               byte[] content) throws Exception {
        Matcher csrf = CSRF.matcher(visitor.get(formPage).body());
        assertThat(csrf.find()).as("a CSRF token on " + formPage).isTrue();
        String boundary = "----finres" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf.group(1));
        for (Map.Entry<String, String> f : all.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (fileName != null) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return visitor.send(HttpRequest.newBuilder(visitor.uri(action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private static String rule(String id, String title) {
        return "title: " + title + "\nid: " + id + "\nstatus: test\nlogsource:\n  category: firewall\n"
                + "detection:\n  selection:\n    dst_port: 64999\n  condition: selection\nlevel: low\n";
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String uploadForm(String page) {
        int start = page.indexOf("data-testid=\"rule-upload\"");
        assertThat(start).as("the upload form").isPositive();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
