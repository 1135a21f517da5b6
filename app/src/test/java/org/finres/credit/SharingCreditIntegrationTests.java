package org.finres.credit;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Institutions;
import org.finres.core.SizeTier;
import org.finres.core.TokenScope;
import org.finres.intel.IntelSighted;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.warning.EarlyWarnings;
import org.finres.warning.WarningAcknowledged;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sharing credit on the real hub and PostgreSQL: shares through the share API and TAXII, sightings (published as
 * the automated analysis will), acknowledgements through the warnings API, false positives, the ranking and its CSV,
 * and who may read which ledger.
 */
@HubIntegrationTest
class SharingCreditIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EarlyWarnings warnings;
    @Autowired
    Institutions institutions;
    @Autowired
    SharingCredit credit;

    CreditHttp member(InstitutionId i) {
        return new CreditHttp(port, sector.token(i, TokenScope.ADMIN));
    }

    CreditHttp hub() {
        return new CreditHttp(port, sector.token(InstitutionId.HUB, TokenScope.READ));
    }

    String month() {
        return credit.currentMonth().toString();
    }

    List<JsonNode> ledger(CreditHttp who, InstitutionId of) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        who.json("/api/v1/credit/ledger?institution=" + of.value() + "&month=" + month()).forEach(out::add);
        return out;
    }

    static List<String> kinds(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("kind").stringValue()).sorted().toList();
    }

    static int total(List<JsonNode> entries) {
        return entries.stream().mapToInt(e -> e.get("points").asInt()).sum();
    }

    static String acceptedIndicator(JsonNode summary) {
        for (JsonNode o : summary.get("objects")) {
            if (o.get("outcome").asString().equals("accepted") && o.get("id").asString().startsWith("indicator--")) {
                return o.get("id").asString();
            }
        }
        throw new AssertionError("no indicator accepted: " + summary);
    }

    @Test
    void aFirstReportEarnsItsSubmitterACorroborationByAnotherMemberEarnsThemAndDuplicatesEarnNothing() throws Exception {
        InstitutionId first = sector.institution("credit-first", InstitutionKind.BANK);
        InstitutionId second = sector.institution("credit-second", InstitutionKind.INSURANCE);
        CreditHttp a = member(first);
        CreditHttp b = member(second);
        String csv = "type,value,tlp\ndomain-name,credit-" + UUID.randomUUID() + ".example,green\n";

        String stixId = acceptedIndicator(a.share("", "text/csv", csv));
        JsonNode corroborated = b.share("", "text/csv", csv);
        assertThat(corroborated.get("corroborations").asInt()).isEqualTo(1);
        b.share("", "text/csv", csv);
        a.share("", "text/csv", csv);

        List<JsonNode> firstLedger = ledger(a, first);
        assertThat(kinds(firstLedger)).containsExactly("first-report");
        assertThat(firstLedger.getFirst().get("points").asInt()).isEqualTo(10);
        assertThat(firstLedger.getFirst().get("reference").stringValue()).isEqualTo(stixId);
        assertThat(firstLedger.getFirst().get("rulesVersion").stringValue()).isEqualTo(credit.rules().version()).startsWith("sha256:");
        List<JsonNode> secondLedger = ledger(b, second);
        assertThat(kinds(secondLedger)).as("one corroboration; the repeat is a duplicate").containsExactly("corroboration");
        assertThat(secondLedger.getFirst().get("points").asInt()).isEqualTo(4);
        assertThat(secondLedger.getFirst().get("reference").stringValue()).isEqualTo(stixId);
    }

    @Test
    void taxiiPostsAreScoredLikeSharesAndAnExposureIndicatorEarnsTheBonus() throws Exception {
        InstitutionId poster = sector.institution("credit-taxii", InstitutionKind.BANK);
        InstitutionId other = sector.institution("credit-taxii-other", InstitutionKind.SECURITIES);
        CreditHttp a = new CreditHttp(port, sector.token(poster, TokenScope.INTEL_WRITE));
        CreditHttp b = new CreditHttp(port, sector.token(other, TokenScope.INTEL_WRITE));
        String domain = "taxii-" + UUID.randomUUID() + ".example";
        String exposureDomain = "vpn-" + UUID.randomUUID() + ".example";
        String id = CreditHttp.newIndicatorId();
        String exposureId = CreditHttp.newIndicatorId();
        a.taxii("sector-green", CreditHttp.indicator(id, domain), CreditHttp.indicator(exposureId, exposureDomain, "vulnerability"));
        a.taxii("sector-green", CreditHttp.indicator(id, domain)); // the same version again
        a.taxii("sector-green", CreditHttp.indicator(CreditHttp.newIndicatorId(), domain)); // its own pattern under a new id
        b.taxii("sector-green", CreditHttp.indicator(CreditHttp.newIndicatorId(), domain));

        List<JsonNode> posterLedger = ledger(member(poster), poster);
        assertThat(kinds(posterLedger)).containsExactly("first-report", "first-report");
        assertThat(posterLedger).filteredOn(e -> e.get("reference").stringValue().equals(exposureId))
                .singleElement().satisfies(e -> {
                    assertThat(e.get("points").asInt()).isEqualTo(15);
                    assertThat(e.get("reason").stringValue()).contains("exposure");
                });
        List<JsonNode> otherLedger = ledger(member(other), other);
        assertThat(kinds(otherLedger)).containsExactly("corroboration");
        assertThat(otherLedger.getFirst().get("reference").stringValue()).isEqualTo(id);
    }

    @Test
    void aSightingByAnotherMemberCreditsTheSubmitterOnceAndAnOwnSightingNothing() throws Exception {
        InstitutionId submitter = sector.institution("credit-sighted", InstitutionKind.BANK);
        InstitutionId seer = sector.institution("credit-seer", InstitutionKind.BANK);
        CreditHttp a = member(submitter);
        String stixId = acceptedIndicator(a.share("", "text/csv",
                "type,value,tlp\ndomain-name,sighted-" + UUID.randomUUID() + ".example,green\n"));

        IntelSighted sighting = new IntelSighted(stixId, submitter, seer, "dns query", Instant.now(), false);
        events.publishEvent(sighting);
        events.publishEvent(sighting); // redelivered
        events.publishEvent(new IntelSighted(stixId, submitter, seer, "dns query", Instant.now(), true)); // same month
        events.publishEvent(new IntelSighted(stixId, submitter, submitter, "own sensor", Instant.now(), false));

        List<JsonNode> submitterLedger = ledger(a, submitter);
        assertThat(kinds(submitterLedger)).containsExactly("first-report", "sighting-confirms-other");
        assertThat(total(submitterLedger)).isEqualTo(10 + 6);
        assertThat(submitterLedger.toString()).doesNotContain(seer.value());
        List<JsonNode> seerLedger = ledger(member(seer), seer);
        assertThat(kinds(seerLedger)).containsExactly("sighting-reported");
        assertThat(total(seerLedger)).isEqualTo(1);
    }

    @Test
    void aFalsePositivePenalisesItsSubmitterTakesBackItsSightingAwardsAndIsAuditedOnce() throws Exception {
        InstitutionId submitter = sector.institution("credit-fp", InstitutionKind.BANK);
        InstitutionId seer = sector.institution("credit-fp-seer", InstitutionKind.BANK);
        CreditHttp a = member(submitter);
        String stixId = acceptedIndicator(a.share("", "text/csv",
                "type,value,tlp\ndomain-name,fp-" + UUID.randomUUID() + ".example,green\n"));
        events.publishEvent(new IntelSighted(stixId, submitter, seer, "proxy log", Instant.now(), false));
        CreditHttp hub = hub();

        HttpResponse<String> marked = hub.post("/api/v1/credit/false-positives", "application/json",
                "{\"indicator\":\"" + stixId + "\",\"reason\":\"resolves to a CDN every member uses\"}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(201);
        assertThat(CreditHttp.JSON.readTree(marked.body()).get("submitter").stringValue()).isEqualTo(submitter.value());

        List<JsonNode> entries = ledger(a, submitter);
        assertThat(kinds(entries)).containsExactly("false-positive-penalty", "false-positive-penalty", "first-report",
                "sighting-confirms-other");
        assertThat(total(entries)).as("10 + 6 - 15 - 6").isEqualTo(-5);
        assertThat(total(ledger(member(seer), seer))).as("the sighting member acted in good faith").isEqualTo(1);
        JsonNode row = row(hub.json("/api/v1/credit/ranking?month=" + month()), submitter.value());
        assertThat(row.get("points").asInt()).isEqualTo(-5);
        assertThat(row.get("counts").get("false-positive-penalty").asInt()).as("one false positive").isEqualTo(1);

        assertThat(hub.post("/api/v1/credit/false-positives", "application/json",
                "{\"indicator\":\"" + stixId + "\",\"reason\":\"again\"}").statusCode()).isEqualTo(409);
        assertThat(total(ledger(a, submitter))).isEqualTo(-5);
        // After the mark, sightings of it earn nothing.
        events.publishEvent(new IntelSighted(stixId, submitter, sector.institution("credit-fp-late", InstitutionKind.BANK),
                "late", Instant.now(), false));
        assertThat(total(ledger(a, submitter))).isEqualTo(-5);

        HttpResponse<String> byMember = a.post("/api/v1/credit/false-positives", "application/json",
                "{\"indicator\":\"" + stixId + "\",\"reason\":\"mine\"}");
        assertThat(byMember.statusCode()).isEqualTo(403);
        HttpResponse<String> noReason = hub.post("/api/v1/credit/false-positives", "application/json",
                "{\"indicator\":\"" + CreditHttp.newIndicatorId() + "\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        HttpResponse<String> badId = hub.post("/api/v1/credit/false-positives", "application/json",
                "{\"indicator\":\"malware--x\",\"reason\":\"r\"}");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("indicator").contains("malware--x");
        assertThat(hub.post("/api/v1/credit/false-positives", "application/json",
                "{\"indicator\":\"" + CreditHttp.newIndicatorId() + "\",\"reason\":\"r\"}").statusCode()).isEqualTo(404);

        long audited = jdbc.sql("select count(*) from audit_log where action = 'credit.false_positive.marked' and target_id = :id")
                .param("id", stixId).query(Long.class).single();
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void acknowledgingInTimeEarnsLateEarnsNothingAndEscalationCostsAndRedeliveryAddsNothing() throws Exception {
        InstitutionId prompt = sector.institution("credit-prompt", InstitutionKind.BANK);
        InstitutionId late = sector.institution("credit-late", InstitutionKind.BANK);
        InstitutionId silent = sector.institution("credit-silent", InstitutionKind.BANK);
        CreditHttp hubAdmin = new CreditHttp(port, sector.token(InstitutionId.HUB, TokenScope.ADMIN));
        HttpResponse<String> issued = hubAdmin.post("/api/v1/warnings", "application/json", """
                {"title":"Credential phishing against members' staff","severity":"high","tlp":"green","audience":"all",
                 "advice":"Block the listed domain.","indicators":["credit-phish.example"],"acknowledgeWithin":"PT1H"}""");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        UUID warning = UUID.fromString(CreditHttp.JSON.readTree(issued.body()).get("warning").get("id").stringValue());

        assertThat(member(prompt).post("/api/v1/warnings/" + warning + "/acknowledge", "application/json", "").statusCode())
                .isEqualTo(200);
        // The deadline passes (the hub's clock is real; the test moves the warning's deadline instead of waiting an hour).
        jdbc.sql("update warning set escalate_at = :t where id = :id").param("t", java.sql.Timestamp.from(Instant.now().minusSeconds(1)))
                .param("id", warning).update();
        assertThat(member(late).post("/api/v1/warnings/" + warning + "/acknowledge", "application/json", "").statusCode())
                .isEqualTo(200);
        warnings.remindAndEscalate(Instant.now());

        List<JsonNode> promptLedger = ledger(member(prompt), prompt);
        assertThat(kinds(promptLedger)).containsExactly("timely-acknowledgement");
        assertThat(total(promptLedger)).isEqualTo(3);
        assertThat(promptLedger.getFirst().get("reference").stringValue()).isEqualTo(warning.toString());
        assertThat(kinds(ledger(member(late), late))).containsExactly("late-acknowledgement");
        assertThat(total(ledger(member(late), late))).isZero();
        List<JsonNode> silentLedger = ledger(member(silent), silent);
        assertThat(kinds(silentLedger)).containsExactly("escalated");
        assertThat(total(silentLedger)).isEqualTo(-2);

        events.publishEvent(new WarningAcknowledged(warning, prompt, Instant.now(), Duration.ofMinutes(3), true));
        assertThat(total(ledger(member(prompt), prompt))).as("a redelivered acknowledgement").isEqualTo(3);
    }

    @Test
    void theRankingNamesOnlyTheOwnMemberToMembersAndEveryoneToTheHubAndRegulatorAndItsCsvParses() throws Exception {
        InstitutionId leader = InstitutionId.of("credit-lead-" + UUID.randomUUID().toString().substring(0, 8));
        institutions.create(new Actor.SystemProcess("test-setup"), leader,
                new Institutions.Draft("Leader, O'Neil & Co. Bank", InstitutionKind.BANK, SizeTier.LARGE));
        InstitutionId follower = sector.institution("credit-follow", InstitutionKind.BANK);
        CreditHttp hubAdmin = new CreditHttp(port, sector.token(InstitutionId.HUB, TokenScope.ADMIN));
        assertThat(hubAdmin.post("/api/v1/credit/adjustments", "application/json",
                "{\"institution\":\"" + leader.value() + "\",\"points\":900,\"reason\":\"migrated credit from the pilot\"}")
                .statusCode()).isEqualTo(201);
        assertThat(hubAdmin.post("/api/v1/credit/adjustments", "application/json",
                "{\"institution\":\"" + follower.value() + "\",\"points\":850,\"reason\":\"migrated credit from the pilot\"}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> noReason = hubAdmin.post("/api/v1/credit/adjustments", "application/json",
                "{\"institution\":\"" + follower.value() + "\",\"points\":5}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(member(follower).post("/api/v1/credit/adjustments", "application/json",
                "{\"institution\":\"" + follower.value() + "\",\"points\":5,\"reason\":\"self\"}").statusCode()).isEqualTo(403);

        JsonNode forHub = hub().json("/api/v1/credit/ranking?month=" + month());
        assertThat(forHub.get("named").asBoolean()).isTrue();
        JsonNode leaderRow = row(forHub, leader.value());
        JsonNode followerRow = row(forHub, follower.value());
        assertThat(leaderRow.get("points").asInt()).isGreaterThanOrEqualTo(900);
        assertThat(leaderRow.get("rank").asInt()).isLessThan(followerRow.get("rank").asInt());
        assertThat(leaderRow.get("counts").get("manual-adjustment").asInt()).isEqualTo(1);
        InstitutionId regulator = InstitutionId.REGULATOR;
        JsonNode forRegulator = new CreditHttp(port, sector.token(regulator, TokenScope.READ)).json("/api/v1/credit/ranking");
        assertThat(row(forRegulator, leader.value()).get("name").stringValue()).isEqualTo("Leader, O'Neil & Co. Bank");

        JsonNode forFollower = member(follower).json("/api/v1/credit/ranking?month=" + month());
        assertThat(forFollower.get("named").asBoolean()).isFalse();
        JsonNode own = row(forFollower, follower.value());
        assertThat(own.get("own").asBoolean()).isTrue();
        assertThat(own.get("rank").asInt()).isEqualTo(followerRow.get("rank").asInt());
        assertThat(forFollower.toString()).doesNotContain(leader.value()).doesNotContain("Leader");
        int leaderIndex = 0;
        while (!leader.value().equals(forHub.get("rows").get(leaderIndex).get("institution").asString(null))) leaderIndex++;
        JsonNode anonymisedLeader = forFollower.get("rows").get(leaderIndex);
        assertThat(anonymisedLeader.get("institution").isNull()).isTrue();
        assertThat(anonymisedLeader.get("name").stringValue()).matches("member #\\d+");
        assertThat(anonymisedLeader.get("points").asInt()).isEqualTo(leaderRow.get("points").asInt());

        HttpResponse<byte[]> csv = hub().bytes("/api/v1/credit/ranking.csv?month=" + month());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("sharing-credit-" + month() + ".csv");
        byte[] body = csv.body();
        assertThat(new byte[] {body[0], body[1], body[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = parseCsv(new String(body, 3, body.length - 3, StandardCharsets.UTF_8));
        assertThat(rows.getFirst()).startsWith("month", "rank", "institution", "name", "points", "first-report");
        List<String> leaderLine = rows.stream().filter(r -> r.get(2).equals(leader.value())).findFirst().orElseThrow();
        assertThat(leaderLine.get(0)).isEqualTo(month());
        assertThat(leaderLine.get(3)).isEqualTo("Leader, O'Neil & Co. Bank");
        assertThat(Integer.parseInt(leaderLine.get(4))).isEqualTo(leaderRow.get("points").asInt());
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(rows.getFirst().size()));

        byte[] memberCsv = member(follower).bytes("/api/v1/credit/ranking.csv?month=" + month()).body();
        assertThat(new String(memberCsv, StandardCharsets.UTF_8)).doesNotContain(leader.value()).contains(follower.value());

        HttpResponse<String> badMonth = hub().get("/api/v1/credit/ranking?month=2026-13");
        assertThat(badMonth.statusCode()).isEqualTo(400);
        assertThat(badMonth.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
        assertThat(badMonth.body()).contains("month").contains("2026-13");
    }

    private static JsonNode row(JsonNode ranking, String institution) {
        for (JsonNode r : ranking.get("rows")) {
            if (institution.equals(r.get("institution").asString(null))) return r;
        }
        throw new AssertionError(institution + " is not in " + ranking);
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(cell.isEmpty() && row.isEmpty()).as("every line ends in CRLF").isTrue();
        return rows;
    }

    @Test
    void aMemberReadsOnlyItsOwnLedgerAndOthersSeeNoReferenceOfItsAnonymousShares() throws Exception {
        InstitutionId owner = sector.institution("credit-anon", InstitutionKind.BANK);
        InstitutionId nosy = sector.institution("credit-nosy", InstitutionKind.BANK);
        CreditHttp a = member(owner);
        String stixId = acceptedIndicator(a.share("?attribution=anonymous", "text/csv",
                "type,value,tlp\ndomain-name,anon-" + UUID.randomUUID() + ".example,green\n"));

        CreditHttp other = member(nosy);
        HttpResponse<String> refused = other.get("/api/v1/credit/ledger?institution=" + owner.value() + "&month=" + month());
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain(stixId);
        assertThat(other.json("/api/v1/credit/ledger").toString()).doesNotContain(stixId).doesNotContain(owner.value());

        assertThat(ledger(a, owner).getFirst().get("reference").stringValue()).as("its own").isEqualTo(stixId);
        assertThat(ledger(hub(), owner).getFirst().get("reference").stringValue()).as("the hub").isEqualTo(stixId);
        JsonNode forRegulator = new CreditHttp(port, sector.token(InstitutionId.REGULATOR, TokenScope.READ))
                .json("/api/v1/credit/ledger?institution=" + owner.value());
        assertThat(forRegulator.get(0).get("kind").stringValue()).isEqualTo("first-report");
        assertThat(forRegulator.get(0).get("reference").isNull()).as("the regulator does not learn what was anonymous").isTrue();
        assertThat(forRegulator.toString()).doesNotContain(stixId);
    }

    @Test
    void theLedgerIsAppendOnly() {
        credit.adjust(new Actor.SystemProcess("test-setup"), sector.institution("credit-append", InstitutionKind.BANK), 1,
                "so that there is a row to change");
        assertThatThrownBy(() -> jdbc.sql("update credit_entry set points = points + 1").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from credit_entry").update()).hasMessageContaining("append-only");
    }
}
