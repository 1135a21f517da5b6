package org.finres.credit;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.ConflictException;
import org.finres.core.Institution;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.credit.internal.CreditLedger;
import org.finres.credit.internal.CreditProperties;
import org.finres.credit.internal.CreditRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading the sharing credit ledger and its monthly ranking, and the hub's two hands on it: marking an indicator
 * false positive (a penalty for its submitter) and adjusting a member's credit with a reason. Members read their own
 * ledger only; the ranking shows everyone's points, with other members' names only when the hub made it public.
 */
@Service
public class SharingCredit {

    private static final Pattern INDICATOR_ID = Pattern.compile(
            "indicator--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private final JdbcClient jdbc;
    private final CreditLedger ledger;
    private final CreditRules rules;
    private final CreditProperties properties;
    private final Institutions institutions;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    SharingCredit(JdbcClient jdbc, CreditLedger ledger, CreditRules rules, CreditProperties properties,
                  Institutions institutions, TenantAccess access, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.rules = rules;
        this.properties = properties;
        this.institutions = institutions;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public ScoringRules rules() {
        return rules.current();
    }

    /** The Asia/Taipei month now. */
    public YearMonth currentMonth() {
        return CreditLedger.monthOf(clock.instant());
    }

    /** A month as typed ({@code 2026-12}); blank for the current one. */
    public YearMonth month(String text) {
        if (text == null || text.isBlank()) return currentMonth();
        String t = text.strip();
        if (MONTH.matcher(t).matches()) {
            try {
                return YearMonth.parse(t);
            } catch (java.time.format.DateTimeParseException e) {
                // falls through to the refusal below
            }
        }
        throw new InvalidInputException("month", "'" + InvalidInputException.preview(text)
                + "' is not a month such as 2026-12 (year-month, Asia/Taipei)");
    }

    // ---- ranking ---------------------------------------------------------------------------------------------

    public Ranking ranking(Actor actor, YearMonth month) {
        InstitutionId scope = access.scope(actor, Permission.CREDIT_READ, null, "credit.ranking.read", "credit_ranking");
        boolean seesAll = scope == null;
        Map<InstitutionId, Map<CreditKind, Integer>> counts = new LinkedHashMap<>();
        Map<InstitutionId, Integer> points = new LinkedHashMap<>();
        // A false positive counts once, though taking back its sighting awards adds entries of the same kind.
        jdbc.sql("""
                select institution_id, kind, count(*) filter (where source_key not like 'fp-reverse:%') as n,
                       sum(points) as p
                from credit_entry where month = :m group by institution_id, kind
                """).param("m", month.toString()).query(rs -> {
            InstitutionId i = InstitutionId.of(rs.getString("institution_id"));
            counts.computeIfAbsent(i, k -> new EnumMap<>(CreditKind.class)).put(CreditKind.valueOf(rs.getString("kind")), rs.getInt("n"));
            points.merge(i, rs.getInt("p"), Integer::sum);
        });
        Map<InstitutionId, Institution> known = new LinkedHashMap<>();
        for (InstitutionId i : points.keySet()) {
            institutions.find(i).filter(x -> x.kind().isMember()).ifPresent(x -> known.put(i, x));
        }
        List<InstitutionId> order = new ArrayList<>(known.keySet());
        // Highest points first; equal points in a fixed order that says nothing about who they are to other members.
        order.sort((a, b) -> points.get(a).equals(points.get(b)) ? a.compareTo(b) : Integer.compare(points.get(b), points.get(a)));
        boolean named = seesAll || properties.publicRanking();
        List<RankingRow> rows = new ArrayList<>();
        int rank = 0;
        Integer previous = null;
        for (int n = 0; n < order.size(); n++) {
            InstitutionId i = order.get(n);
            int p = points.get(i);
            if (previous == null || p != previous) rank = n + 1;
            previous = p;
            boolean own = i.equals(actor.institutionId());
            boolean shown = named || own;
            rows.add(new RankingRow(rank, n + 1, shown ? i : null, shown ? known.get(i).name() : null, own, p, counts.get(i)));
        }
        return new Ranking(month, rows, named, rules.current().version());
    }

    /** The month's ranking as CSV for Excel: UTF-8 with a byte-order mark, CRLF lines, RFC 4180 quoting. */
    public byte[] rankingCsv(Actor actor, YearMonth month) {
        Ranking ranking = ranking(actor, month);
        StringBuilder csv = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>(List.of("month", "rank", "institution", "name", "points"));
        for (CreditKind k : CreditKind.values()) header.add(k.code());
        line(csv, header);
        for (RankingRow r : ranking.rows()) {
            List<String> cells = new ArrayList<>(List.of(month.toString(), Integer.toString(r.rank()),
                    r.institution() == null ? "" : r.institution().value(), r.label(), Integer.toString(r.points())));
            for (CreditKind k : CreditKind.values()) cells.add(Integer.toString(r.count(k)));
            line(csv, cells);
        }
        audit.record(actor, AuditEntry.success("credit.ranking.exported", "credit_ranking", month.toString(), null)
                .with("rows", Integer.toString(ranking.rows().size())));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) csv.append(',');
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** Quoted when it must be; a text that Excel would run as a formula is defused with a leading apostrophe. */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+")) v = "'" + v;
        boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(v.strip());
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    // ---- ledger ----------------------------------------------------------------------------------------------

    /**
     * The ledger of one institution (or, for the hub and the regulator, of all when none is named) for a month, newest
     * first. Another member's ledger answers "not found". A reference from an anonymous share is shown to the
     * institution itself and to the hub only.
     */
    public List<CreditEntry> ledger(Actor actor, InstitutionId institution, YearMonth month) {
        InstitutionId scope = access.scope(actor, Permission.CREDIT_READ, institution, "credit.ledger.read", "credit_ledger");
        if (scope != null && institutions.find(scope).isEmpty()) throw new NotFoundException("institution", scope.value());
        var sql = jdbc.sql("select * from credit_entry where month = :m" + (scope == null ? "" : " and institution_id = :i")
                + " order by occurred_at desc, id desc limit 5000").param("m", month.toString());
        if (scope != null) sql = sql.param("i", scope.value());
        boolean seesAnonymous = actor.holds(Permission.CREDIT_MANAGE);
        return sql.query((rs, n) -> {
            InstitutionId owner = InstitutionId.of(rs.getString("institution_id"));
            boolean hide = rs.getBoolean("anonymous") && !seesAnonymous && !owner.equals(actor.institutionId());
            return new CreditEntry(rs.getLong("id"), owner, CreditKind.valueOf(rs.getString("kind")), rs.getInt("points"),
                    rs.getString("reason"), hide ? null : rs.getString("reference"),
                    rs.getTimestamp("occurred_at").toInstant(), YearMonth.parse(rs.getString("month")),
                    rs.getString("rules_version"), rs.getString("recorded_by"));
        }).list();
    }

    // ---- the hub's hands ---------------------------------------------------------------------------------------

    /**
     * Marks a shared indicator false positive: its first submitter is penalised, and (when the rules say so) what it
     * earned from the indicator's sightings is taken back. Members that corroborated or sighted it keep theirs: they
     * acted in good faith on what the exchange published. Marking twice is a conflict.
     */
    @Transactional
    public FalsePositive markFalsePositive(Actor actor, String stixId, String reason) {
        String id = stixId == null ? "" : stixId.strip();
        access.requireAll(actor, Permission.CREDIT_MANAGE, "credit.false_positive.mark", "indicator", id);
        if (!INDICATOR_ID.matcher(id).matches()) {
            throw new InvalidInputException("indicator", "'" + InvalidInputException.preview(stixId)
                    + "' is not a STIX indicator id (indicator--<uuid>)");
        }
        String why = requireReason(reason);
        CreditLedger.KnownIndicator indicator = ledger.indicator(id).orElseThrow(() -> new NotFoundException("indicator", id));
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                insert into credit_false_positive (stix_id, institution_id, reason, marked_by, marked_at)
                values (:id, :i, :reason, :by, :at) on conflict do nothing
                """).param("id", id).param("i", indicator.submitter().value()).param("reason", why)
                .param("by", actor.auditName()).param("at", Timestamp.from(now)).update();
        if (inserted == 0) throw new ConflictException("indicator " + id + " is already marked false positive");
        ScoringRules r = rules.current();
        ledger.record(new CreditLedger.Fact(indicator.submitter(), CreditKind.FALSE_POSITIVE_PENALTY,
                r.pointsFor(CreditKind.FALSE_POSITIVE_PENALTY), "indicator marked false positive: " + why, id, "fp:" + id,
                indicator.anonymous(), now), r.version(), actor.auditName());
        int reversed = 0;
        if (r.reverseSightingAwards()) {
            for (long[] award : ledger.entriesAbout(indicator.submitter(), CreditKind.SIGHTING_CONFIRMS_OTHER, id)) {
                if (award[1] == 0) continue;
                ledger.record(new CreditLedger.Fact(indicator.submitter(), CreditKind.FALSE_POSITIVE_PENALTY, (int) -award[1],
                        "takes back sighting award #" + award[0] + ": the indicator was a false positive", id,
                        "fp-reverse:" + award[0], indicator.anonymous(), now), r.version(), actor.auditName());
                reversed++;
            }
        }
        audit.record(actor, AuditEntry.success("credit.false_positive.marked", "indicator", id, indicator.submitter())
                .with("reason", why).with("reversedSightingAwards", Integer.toString(reversed)));
        return new FalsePositive(id, indicator.submitter(), why, actor.auditName(), now);
    }

    /** The indicators marked false positive, newest first: every one for the hub, the own ones for a member. */
    public List<FalsePositive> falsePositives(Actor actor) {
        InstitutionId scope = access.scope(actor, Permission.CREDIT_READ, null, "credit.false_positive.list", "indicator");
        var sql = jdbc.sql("select * from credit_false_positive" + (scope == null ? "" : " where institution_id = :i")
                + " order by marked_at desc limit 500");
        if (scope != null) sql = sql.param("i", scope.value());
        return sql.query((rs, n) -> new FalsePositive(rs.getString("stix_id"), InstitutionId.of(rs.getString("institution_id")),
                rs.getString("reason"), rs.getString("marked_by"), rs.getTimestamp("marked_at").toInstant())).list();
    }

    /** A hub operator's correction of a member's credit, with a reason; recorded in the current month. */
    @Transactional
    public CreditEntry adjust(Actor actor, InstitutionId institution, int points, String reason) {
        if (institution == null) throw new InvalidInputException("institution", "is required");
        access.requireAll(actor, Permission.CREDIT_MANAGE, "credit.adjust", "credit_ledger", institution.value());
        String why = requireReason(reason);
        if (points == 0 || Math.abs(points) > ScoringRules.MAX_POINTS) {
            throw new InvalidInputException("points", "must be a whole number between -" + ScoringRules.MAX_POINTS + " and "
                    + ScoringRules.MAX_POINTS + ", and not 0, not " + points);
        }
        Optional<Institution> target = institutions.find(institution);
        if (target.isEmpty()) throw new NotFoundException("institution", institution.value());
        if (!target.get().kind().isMember()) {
            throw new InvalidInputException("institution", institution.value() + " is not a member institution; only members earn credit");
        }
        Instant now = clock.instant();
        String key = "manual:" + UUID.randomUUID();
        ledger.record(new CreditLedger.Fact(institution, CreditKind.MANUAL_ADJUSTMENT, points, why, null, key, false, now),
                rules.current().version(), actor.auditName());
        audit.record(actor, AuditEntry.success("credit.adjusted", "credit_ledger", institution.value(), institution)
                .with("points", Integer.toString(points)).with("reason", why));
        return jdbc.sql("select id from credit_entry where source_key = :k").param("k", key).query(Long.class).optional()
                .map(id -> ledger(actor, institution, CreditLedger.monthOf(now)).stream().filter(e -> e.id() == id).findFirst().orElseThrow())
                .orElseThrow();
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) throw new InvalidInputException("reason", "is required: say why");
        String r = reason.strip();
        if (r.length() > 500) throw new InvalidInputException("reason", "is longer than 500 characters");
        return r;
    }

    /** For pages: whether the actor may mark false positives and adjust credit. */
    public static boolean mayManage(Actor actor) {
        return actor.grants().get(Permission.CREDIT_MANAGE) == Permission.Reach.ALL;
    }
}
