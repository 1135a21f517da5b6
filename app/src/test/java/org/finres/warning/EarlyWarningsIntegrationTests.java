package org.finres.warning;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubHttp;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Early warnings on the real hub: exposure matching, publication, who may read and acknowledge what, reminders and
 * escalation, and delivery to a real webhook receiver (signatures checked) and a real SMTP server.
 */
@HubIntegrationTest
class EarlyWarningsIntegrationTests {

    static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static HttpServer receiver;
    static final List<Received> WEBHOOKS = new CopyOnWriteArrayList<>();

    record Received(String path, Map<String, String> headers, byte[] body) {
        JsonNode json() {
            return JsonMapper.builder().build().readTree(body);
        }
    }

    @DynamicPropertySource
    static void mailAndFastDelivery(DynamicPropertyRegistry registry) {
        SMTP.start();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("finres.warnings.delivery-interval", () -> "PT0.3S");
        registry.add("finres.warnings.retry-backoff", () -> "PT1S");
        registry.add("finres.warnings.hub-url", () -> "https://hub.example.test");
    }

    @BeforeAll
    static void webhookReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            byte[] body = exchange.getRequestBody().readAllBytes();
            // The "flaky" endpoint fails its first call, so that a retry is what delivers it.
            boolean fail = exchange.getRequestURI().getPath().startsWith("/flaky")
                    && WEBHOOKS.stream().noneMatch(r -> r.path().startsWith("/flaky"));
            WEBHOOKS.add(new Received(exchange.getRequestURI().getPath(), headers, body));
            exchange.sendResponseHeaders(fail ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        SMTP.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    EarlyWarnings warnings;

    final HttpClient http = HttpClient.newHttpClient();

    private HubHttp hub() {
        return new HubHttp(http, port);
    }
    final JsonMapper json = JsonMapper.builder().build();

    String hook(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void anExposedWarningReachesOnlyTheMatchingMemberWithItsReasonAndIsDeliveredSignedAndByMail() throws Exception {
        InstitutionId exposed = sector.institution("fortigate-bank", InstitutionKind.BANK);
        InstitutionId other = sector.institution("paloalto-bank", InstitutionKind.BANK);
        String exposedAdmin = sector.token(exposed, TokenScope.ADMIN);
        String otherAdmin = sector.token(other, TokenScope.ADMIN);
        assertThat(post(exposedAdmin, "/api/v1/exposure", "{\"kind\":\"product\",\"value\":\"Fortinet FortiGate 7.2.5\"}")
                .statusCode()).isEqualTo(201);
        assertThat(post(exposedAdmin, "/api/v1/exposure", "{\"kind\":\"range\",\"value\":\"10.20.0.0/16\"}")
                .statusCode()).isEqualTo(201);
        assertThat(post(otherAdmin, "/api/v1/exposure", "{\"kind\":\"product\",\"value\":\"Fortinet FortiGatex 1\"}")
                .statusCode()).as("a whole-word prefix, so FortiGatex is not FortiGate").isEqualTo(201);
        assertThat(post(exposedAdmin, "/api/v1/notification-channels",
                "{\"kind\":\"webhook\",\"target\":\"" + hook("/soc/" + exposed.value()) + "\"}").statusCode()).isEqualTo(201);
        assertThat(post(exposedAdmin, "/api/v1/notification-channels",
                "{\"kind\":\"email\",\"target\":\"soc@" + exposed.value() + ".example\"}").statusCode()).isEqualTo(201);
        String hub = sector.token(InstitutionId.HUB, TokenScope.READ);
        String draft = """
                {"title":"FortiGate SSL-VPN exploited in the sector","severity":"high","tlp":"amber","audience":"exposed",
                 "description":"Pre-authentication code execution is being exploited against members' VPN gateways.",
                 "advice":"Apply the vendor's fix; until then disable the SSL-VPN portal.",
                 "criteria":{"products":["fortinet fortigate"],"ranges":["10.20.5.0/24"]},
                 "indicators":["ipv4,203.0.113.9","vpn-update.example"],"techniques":["T1133"]}""";

        JsonNode preview = json.readTree(post(hub, "/api/v1/warnings/preview", draft).body());
        assertThat(preview).extracting(r -> r.get("institution").stringValue()).containsExactly(exposed.value());
        assertThat(preview.get(0).get("matchedBy")).extracting(JsonNode::stringValue).containsExactly(
                "product Fortinet FortiGate 7.2.5 (fortinet fortigate)", "range 10.20.0.0/16 (10.20.5.0/24)");

        HttpResponse<String> issued = post(hub, "/api/v1/warnings", draft);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode warning = json.readTree(issued.body());
        String id = warning.get("warning").get("id").stringValue();
        assertThat(warning.get("recipients")).hasSize(1);
        assertThat(warning.get("stixReport").stringValue()).startsWith("report--");

        // The member that is not exposed learns nothing of it, by any way in.
        assertThat(get(otherAdmin, "/api/v1/warnings/" + id).statusCode()).isEqualTo(404);
        assertThat(get(otherAdmin, "/api/v1/warnings").body()).doesNotContain(id).doesNotContain("FortiGate SSL-VPN");
        assertThat(post(otherAdmin, "/api/v1/warnings/" + id + "/acknowledge", "").statusCode()).isEqualTo(404);
        assertThat(get(otherAdmin, "/api/v1/warnings/" + id + "/deliveries").statusCode()).isEqualTo(404);

        // The exposed member reads it without the criteria (what others declared) and with the technique named or bare.
        JsonNode own = json.readTree(get(exposedAdmin, "/api/v1/warnings/" + id).body());
        assertThat(own.get("criteria").isNull()).isTrue();
        assertThat(own.get("recipients")).hasSize(1);
        assertThat(own.get("indicators")).extracting(i -> i.get("value").stringValue())
                .containsExactly("203.0.113.9", "vpn-update.example");
        assertThat(own.get("techniques").get(0).get("id").stringValue()).isEqualTo("T1133");

        Received notice = await(r -> r.path().equals("/soc/" + exposed.value()));
        assertThat(notice.json().get("type").stringValue()).isEqualTo("finres.warning.issued");
        assertThat(notice.json().get("warning").get("url").stringValue()).isEqualTo("https://hub.example.test/warnings/" + id);
        assertThat(new String(notice.body(), StandardCharsets.UTF_8)).as("indicators are fetched, never pushed")
                .doesNotContain("203.0.113.9").doesNotContain("vendor's fix");
        assertThat(verifies(notice, hub)).isTrue();
        assertThat(verifies(new Received(notice.path(), notice.headers(),
                (new String(notice.body(), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8)), hub))
                .as("a changed body fails the signature").isFalse();

        MimeMessage mail = awaitMail("soc@" + exposed.value() + ".example");
        assertThat(mail.getSubject()).isEqualTo("[FinRes] Early warning (HIGH, TLP:AMBER): FortiGate SSL-VPN exploited in the sector");
        assertThat(mail.getContent().toString()).contains("https://hub.example.test/warnings/" + id);

        // Acknowledged once; a second acknowledgement keeps the first time; the hub does not acknowledge for members.
        JsonNode acked = json.readTree(post(exposedAdmin, "/api/v1/warnings/" + id + "/acknowledge", "").body());
        String at = acked.get("warning").get("own").get("acknowledgedAt").stringValue();
        Thread.sleep(20);
        assertThat(json.readTree(post(exposedAdmin, "/api/v1/warnings/" + id + "/acknowledge", "").body())
                .get("warning").get("own").get("acknowledgedAt").stringValue()).isEqualTo(at);
        assertThat(post(hub, "/api/v1/warnings/" + id + "/acknowledge", "").statusCode()).isEqualTo(403);
        JsonNode forHub = json.readTree(get(hub, "/api/v1/warnings/" + id).body());
        assertThat(forHub.get("warning").get("acknowledged").asInt()).isEqualTo(1);
        assertThat(forHub.get("criteria").get("products").get(0).stringValue()).isEqualTo("fortinet fortigate");
    }

    @Test
    void unacknowledgedRecipientsAreRemindedThenEscalatedToThemAndToTheHubAndRedNeverTravelsByMail() throws Exception {
        InstitutionId late = sector.institution("late-bank", InstitutionKind.BANK);
        InstitutionId prompt = sector.institution("prompt-bank", InstitutionKind.INSURANCE);
        String lateAdmin = sector.token(late, TokenScope.ADMIN);
        String promptAdmin = sector.token(prompt, TokenScope.ADMIN);
        post(lateAdmin, "/api/v1/notification-channels", "{\"kind\":\"webhook\",\"target\":\"" + hook("/flaky/" + late.value()) + "\"}");
        post(lateAdmin, "/api/v1/notification-channels", "{\"kind\":\"email\",\"target\":\"ciso@" + late.value() + ".example\"}");
        String hubAdmin = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        post(hubAdmin, "/api/v1/notification-channels", "{\"kind\":\"webhook\",\"target\":\"" + hook("/hub-desk") + "\"}");

        HttpResponse<String> issued = post(hubAdmin, "/api/v1/warnings", """
                {"title":"Ransomware affiliate targeting core banking","severity":"critical","tlp":"red","audience":"all",
                 "advice":"Isolate the listed hosts.","indicators":["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
                 "acknowledgeWithin":"PT2H"}""");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String id = json.readTree(issued.body()).get("warning").get("id").stringValue();
        assertThat(json.readTree(issued.body()).get("recipients")).extracting(r -> r.get("institution").stringValue())
                .contains(late.value(), prompt.value());
        post(promptAdmin, "/api/v1/warnings/" + id + "/acknowledge", "");

        // The flaky webhook refuses its first notice; the retry delivers it, and the delivery log says so.
        Predicate<Received> flakyIssued = r -> r.path().equals("/flaky/" + late.value())
                && r.json().get("type").stringValue().equals("finres.warning.issued");
        await(flakyIssued);
        Instant retryDeadline = Instant.now().plus(Duration.ofSeconds(60));
        while (WEBHOOKS.stream().filter(flakyIssued).count() < 2 && Instant.now().isBefore(retryDeadline)) {
            Thread.sleep(100);
        }
        assertThat(WEBHOOKS.stream().filter(flakyIssued).count()).as("refused once, then retried").isEqualTo(2);
        MimeMessage issuedMail = awaitMail("ciso@" + late.value() + ".example");
        assertThat(issuedMail.getSubject()).isEqualTo("[FinRes] Early warning (CRITICAL, TLP:RED)");
        assertThat(issuedMail.getContent().toString()).doesNotContain("Ransomware").doesNotContain("e3b0c442")
                .contains("TLP:RED: its content is not sent by e-mail");

        Instant issuedAt = Instant.parse(json.readTree(issued.body()).get("warning").get("issuedAt").stringValue());
        EarlyWarnings.Sweep early = warnings.remindAndEscalate(issuedAt.plus(Duration.ofMinutes(30)));
        assertThat(get(hubAdmin, "/api/v1/warnings/" + id).body()).doesNotContain("\"remindedAt\":\"");
        warnings.remindAndEscalate(issuedAt.plus(Duration.ofMinutes(61)));
        await(r -> r.path().equals("/flaky/" + late.value()) && r.json().get("type").stringValue().equals("finres.warning.reminder"));
        EarlyWarnings.Sweep escalation = warnings.remindAndEscalate(issuedAt.plus(Duration.ofHours(2)).plusSeconds(1));
        assertThat(escalation.escalated()).isPositive();
        Received toHub = await(r -> r.path().equals("/hub-desk") && late.value().equals(r.json().path("lateMember").asString(null)));
        assertThat(toHub.json().get("type").stringValue()).isEqualTo("finres.warning.escalation");
        await(r -> r.path().equals("/flaky/" + late.value()) && r.json().get("type").stringValue().equals("finres.warning.escalation"));

        JsonNode detail = json.readTree(get(hubAdmin, "/api/v1/warnings/" + id).body());
        JsonNode lateRow = null;
        JsonNode promptRow = null;
        for (JsonNode r : detail.get("recipients")) {
            if (r.get("institution").stringValue().equals(late.value())) {
                lateRow = r;
            }
            if (r.get("institution").stringValue().equals(prompt.value())) {
                promptRow = r;
            }
        }
        assertThat(lateRow.get("escalatedAt").isNull()).isFalse();
        assertThat(lateRow.get("remindedAt").isNull()).isFalse();
        assertThat(promptRow.get("escalatedAt").isNull()).as("who acknowledged is never chased").isTrue();
        assertThat(warnings.remindAndEscalate(issuedAt.plus(Duration.ofDays(3))).escalated())
                .as("escalated once").isZero();
        assertThat(early.reminded()).isZero();

        JsonNode deliveries = json.readTree(get(hubAdmin, "/api/v1/warnings/" + id + "/deliveries").body());
        JsonNode retried = null;
        for (JsonNode d : deliveries) {
            if (d.get("target").stringValue().contains("/flaky/") && d.get("notice").stringValue().equals("ISSUED")) {
                retried = d;
            }
        }
        assertThat(retried.get("status").stringValue()).isEqualTo("SENT");
        assertThat(retried.get("attempts").asInt()).isEqualTo(2);
        JsonNode ownDeliveries = json.readTree(get(lateAdmin, "/api/v1/warnings/" + id + "/deliveries").body());
        assertThat(ownDeliveries).allSatisfy(d -> assertThat(d.get("institution").stringValue()).isEqualTo(late.value()));
    }

    @Test
    void badDraftsAndForeignTenantsAreRefusedWithTheirReason() throws Exception {
        InstitutionId bank = sector.institution("refusals", InstitutionKind.BANK);
        InstitutionId neighbour = sector.institution("neighbour", InstitutionKind.BANK);
        String admin = sector.token(bank, TokenScope.ADMIN);
        String analyst = sector.token(bank, TokenScope.READ);
        String neighbourAdmin = sector.token(neighbour, TokenScope.ADMIN);
        String hub = sector.token(InstitutionId.HUB, TokenScope.READ);

        assertThat(refusal(hub, "/api/v1/warnings", "{\"title\":\"x\",\"severity\":\"high\",\"tlp\":\"amber\",\"audience\":\"exposed\"}"))
                .contains("needs at least one product");
        assertThat(refusal(hub, "/api/v1/warnings", "{\"title\":\"x\",\"severity\":\"high\",\"tlp\":\"amber\",\"audience\":\"all\",\"indicators\":[\"ipv4,999.1.1.1\"]}"))
                .contains("ipv4 '999.1.1.1' is not an IPv4 address");
        assertThat(refusal(hub, "/api/v1/warnings", "{\"title\":\"x\",\"severity\":\"high\",\"tlp\":\"purple\",\"audience\":\"all\"}"))
                .contains("must be clear, green, amber, amber+strict or red");
        assertThat(refusal(hub, "/api/v1/warnings", "{\"title\":\"x\",\"severity\":\"high\",\"tlp\":\"amber\",\"audience\":\"all\",\"techniques\":[\"T12\"]}"))
                .contains("'T12' is not an ATT&CK technique id");
        assertThat(refusal(hub, "/api/v1/warnings", "{\"title\":\"x\",\"severity\":\"high\",\"tlp\":\"amber\",\"audience\":\"all\",\"acknowledgeWithin\":\"P90D\"}"))
                .contains("between 5 minutes and 30 days");
        assertThat(refusal(hub, "/api/v1/warnings", "{\"title\":\"x\",\"severity\":\"high\",\"tlp\":\"amber\",\"audience\":\"exposed\",\"criteria\":{\"suppliers\":[\"Nobody Such Vendor Ltd\"]}}"))
                .contains("no member's declared exposure matches");
        assertThat(post(admin, "/api/v1/warnings", "{\"title\":\"x\",\"severity\":\"high\",\"tlp\":\"amber\",\"audience\":\"all\"}")
                .statusCode()).as("members do not issue warnings").isEqualTo(403);

        assertThat(refusal(admin, "/api/v1/exposure", "{\"kind\":\"range\",\"value\":\"10.0.0.0/33\"}"))
                .contains("range '10.0.0.0/33' is not an IPv4 or IPv6 address or CIDR range");
        assertThat(refusal(admin, "/api/v1/exposure", "{\"kind\":\"planet\",\"value\":\"mars\"}"))
                .contains("must be product, supplier, range or domain");
        assertThat(refusal(admin, "/api/v1/notification-channels", "{\"kind\":\"webhook\",\"target\":\"https://user:pw@soc.example/hook\"}"))
                .contains("must not carry credentials");
        assertThat(refusal(admin, "/api/v1/notification-channels", "{\"kind\":\"webhook\",\"target\":\"file:///etc/passwd\"}"))
                .contains("absolute https://");
        assertThat(post(analyst, "/api/v1/exposure", "{\"kind\":\"supplier\",\"value\":\"Acme\"}").statusCode())
                .as("declaring exposure is the institution admin's").isEqualTo(403);

        HttpResponse<String> mine = post(admin, "/api/v1/exposure", "{\"kind\":\"supplier\",\"value\":\"Acme Core Banking\"}");
        long item = json.readTree(mine.body()).get("id").asLong();
        assertThat(post(admin, "/api/v1/exposure", "{\"kind\":\"supplier\",\"value\":\"acme core banking\"}").statusCode())
                .isEqualTo(409);
        assertThat(get(neighbourAdmin, "/api/v1/exposure?institution=" + bank.value()).statusCode())
                .as("one member never reads another's exposure").isEqualTo(404);
        assertThat(get(neighbourAdmin, "/api/v1/exposure").body()).doesNotContain("Acme Core Banking");
        assertThat(delete(neighbourAdmin, "/api/v1/exposure/" + item).statusCode()).isEqualTo(404);
        assertThat(post(neighbourAdmin, "/api/v1/exposure", "{\"institution\":\"" + bank.value()
                + "\",\"kind\":\"supplier\",\"value\":\"Planted Supplier\"}").statusCode()).isEqualTo(404);
        assertThat(get(hub, "/api/v1/exposure?institution=" + bank.value()).body()).contains("Acme Core Banking");
        assertThat(get(sector.token(bank, TokenScope.EVENTS_WRITE), "/api/v1/warnings").statusCode()).isEqualTo(403);
        assertThat(get(sector.token(InstitutionId.REGULATOR, TokenScope.ADMIN), "/api/v1/warnings").statusCode())
                .isEqualTo(403);
        assertThat(delete(admin, "/api/v1/exposure/" + item).statusCode()).isEqualTo(204);
    }

    private boolean verifies(Received r, String token) throws Exception {
        String key = json.readTree(get(token, "/api/v1/warnings/webhook-key").body()).get("publicKey").stringValue();
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key)));
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(publicKey);
        s.update((r.headers().get("x-finres-timestamp") + ".").getBytes(StandardCharsets.US_ASCII));
        s.update(r.body());
        return s.verify(Base64.getDecoder().decode(r.headers().get("x-finres-signature").substring("ed25519=".length())));
    }

    private static Received await(Predicate<Received> match) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (Received r : new ArrayList<>(WEBHOOKS)) {
                if (match.test(r)) {
                    return r;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such webhook call within 60 s; received: " + WEBHOOKS.stream().map(Received::path).toList());
    }

    private static MimeMessage awaitMail(String to) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (MimeMessage m : SMTP.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(to)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no e-mail to " + to + " within 60 s");
    }

    private String refusal(String token, String path, String body) throws Exception {
        HttpResponse<String> r = post(token, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return r.body();
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return hub().get(token, path);
    }

    private HttpResponse<String> delete(String token, String path) throws Exception {
        return hub().delete(token, path);
    }

    private HttpResponse<String> post(String token, String path, String body) throws Exception {
        return hub().post(token, path, body);
    }
}
