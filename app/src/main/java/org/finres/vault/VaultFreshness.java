package org.finres.vault;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.vault.internal.BusinessCalendar;
import org.finres.vault.internal.VaultProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How recent each institution's last attested vault run is, and the missed-run check: once per business date, after
 * the cut-off of the next business day, every enrolled institution (one that has registered a signing key) without an
 * attestation for that date gets a {@link VaultRunMissed}. The dates already checked are stored, so a restart or a
 * second hub node never reports the same date twice, and a hub that was down at the cut-off checks on its next tick.
 */
@Service
public class VaultFreshness {

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final AttestationLedger ledger;
    private final ApplicationEventPublisher events;
    private final BusinessCalendar calendar;
    private final Clock clock;

    public VaultFreshness(JdbcClient jdbc, TenantAccess access, AttestationLedger ledger,
                          ApplicationEventPublisher events, VaultProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.ledger = ledger;
        this.events = events;
        this.calendar = new BusinessCalendar(properties);
        this.clock = clock;
    }

    /** Every member institution the actor may read (the hub and the regulator: all; an institution: itself). */
    public List<Freshness> freshness(Actor actor) {
        InstitutionId scope = access.scope(actor, Permission.VAULT_READ, null, "vault.freshness.read", "vault_freshness");
        Instant now = clock.instant();
        LocalDate required = calendar.requiredDate(now);
        Map<InstitutionId, AttestationLedger.LastVault> last = ledger.lastVaults().stream()
                .collect(Collectors.toMap(AttestationLedger.LastVault::institution, Function.identity()));
        List<Freshness> out = new ArrayList<>();
        jdbc.sql("""
                select id, name from institution where kind not in ('HUB', 'REGULATOR')
                  and (cast(:i as text) is null or id = :i) order by id
                """).param("i", scope == null ? null : scope.value()).query((rs, n) -> {
            InstitutionId id = InstitutionId.of(rs.getString(1));
            AttestationLedger.LastVault l = last.get(id);
            if (l == null) {
                out.add(new Freshness(id, rs.getString(2), null, null, FreshnessStatus.MISSING, required, null));
            } else {
                int behind = BusinessCalendar.businessDaysBehind(l.businessDate(), required);
                out.add(new Freshness(id, rs.getString(2), l.businessDate(), l.vaultedAt(),
                        behind == 0 ? FreshnessStatus.FRESH : FreshnessStatus.LATE, required, behind));
            }
            return null;
        }).list();
        return out;
    }

    /** The business date due by the latest cut-off before {@code now}. */
    public LocalDate requiredDate(Instant now) {
        return calendar.requiredDate(now);
    }

    /**
     * Checks the business date due at {@code now} once: publishes a {@link VaultRunMissed} for each enrolled
     * institution without an attestation for it (or later) and returns them; empty when the date was checked before.
     */
    @Transactional
    public List<VaultRunMissed> checkMissed(Instant now) {
        LocalDate required = calendar.requiredDate(now);
        int claimed = jdbc.sql("""
                insert into vault_freshness_check (business_date, checked_at, missed) values (:d, :at, 0)
                on conflict (business_date) do nothing
                """).param("d", required).param("at", Timestamp.from(now)).update();
        if (claimed == 0) {
            return List.of();
        }
        List<VaultRunMissed> missed = jdbc.sql("""
                select i.id, (select max(business_date) from vault_ledger l where l.institution_id = i.id) as last
                from institution i
                where i.kind not in ('HUB', 'REGULATOR')
                  and exists (select 1 from vault_signing_key k where k.institution_id = i.id and k.registered_at <= :at)
                  and not exists (select 1 from vault_ledger l where l.institution_id = i.id and l.business_date >= :d)
                order by i.id
                """).param("at", Timestamp.from(now)).param("d", required)
                .query((rs, n) -> new VaultRunMissed(InstitutionId.of(rs.getString(1)), required,
                        rs.getObject(2, LocalDate.class), now)).list();
        jdbc.sql("update vault_freshness_check set missed = :m where business_date = :d").param("m", missed.size())
                .param("d", required).update();
        // Published inside the transaction: a listener writing an alert joins it, so the check and its alerts commit
        // together.
        missed.forEach(events::publishEvent);
        return missed;
    }
}
