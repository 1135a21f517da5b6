package org.finres.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.finres.core.Actor;
import org.finres.core.ApiTokens;
import org.finres.core.InstitutionId;
import org.finres.core.IssuedToken;
import org.finres.core.TokenScope;
import org.finres.vault.AttestationLedger;
import org.finres.vault.LedgerQuery;
import org.finres.vault.VaultFreshness;
import org.finres.vault.engine.attestation.SignedAttestation;
import org.finres.vault.engine.attestation.VaultAttestation;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds a week of signed vault attestations for the demo members so that the freshness page shows every colour: most
 * members are fresh, Eastgate Bills is three business days late and SwiftPay has never vaulted. Each member signs
 * with a key of its own registered through the same service a vault job uses, with a token issued for the seeding
 * and revoked after it. Runs once per data folder.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "finres.demo.enabled", havingValue = "true")
class DemoVault implements ApplicationRunner {

    private static final Actor.SystemProcess DEMO = new Actor.SystemProcess("demo");
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Business days each member is behind the due date; absent: never vaulted. */
    private static final Map<String, Integer> BEHIND = Map.of("taipei-first-bank", 0, "harbour-city-bank", 0,
            "formosa-securities", 0, "emerald-peak-life", 0, "lanyang-credit-coop", 0, "eastgate-bills", 3);

    private final ApiTokens tokens;
    private final AttestationLedger ledger;
    private final VaultFreshness freshness;
    private final Clock clock;

    DemoVault(ApiTokens tokens, AttestationLedger ledger, VaultFreshness freshness, Clock clock) {
        this.tokens = tokens;
        this.ledger = ledger;
        this.freshness = freshness;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        InstitutionId first = InstitutionId.of(DemoSector.MEMBERS.getFirst().id());
        if (!ledger.list(DEMO, new LedgerQuery(first, null, null, null, 1)).isEmpty()) {
            return;
        }
        LocalDate due = freshness.requiredDate(clock.instant());
        for (DemoSector.Member m : DemoSector.MEMBERS) {
            Integer behind = BEHIND.get(m.id());
            if (behind != null) {
                seed(InstitutionId.of(m.id()), m.kind(), lastDate(due, behind), 5);
            }
        }
        System.out.println("Demo vault: a week of signed attestations seeded (Eastgate Bills is late, SwiftPay has "
                + "never vaulted).");
    }

    private void seed(InstitutionId institution, org.finres.core.InstitutionKind kind, LocalDate last, int days) {
        IssuedToken issued = tokens.issue(DEMO, new ApiTokens.Draft(institution, "demo vault seeding",
                Set.of(TokenScope.ADMIN, TokenScope.VAULT_WRITE), Duration.ofHours(1)));
        try {
            Actor job = new Actor.Token(issued.token().id(), issued.token().name(), institution,
                    kind, issued.token().scopes());
            SigningKeyPair key = SigningKeyPair.generate(false);
            ledger.registerKey(job, key.publicKey().encode());
            String repository = hex(16);
            LocalDate date = last;
            List<LocalDate> dates = new java.util.ArrayList<>();
            while (dates.size() < days) {
                dates.addFirst(date);
                date = previousBusinessDay(date);
            }
            long customers = 180_000 + RANDOM.nextInt(20_000);
            for (LocalDate d : dates) {
                Map<String, Long> counts = new LinkedHashMap<>();
                counts.put("customers", customers);
                counts.put("accounts", customers * 2 + 113);
                counts.put("balances", customers * 2 + 113);
                counts.put("transactions", 400_000L + RANDOM.nextInt(90_000));
                long cents = 48_000_000_000_00L + RANDOM.nextLong(9_000_000_000_00L);
                Map<String, String> totals = Map.of("closing_balance.TWD", cents / 100 + "." + String.format("%02d", cents % 100),
                        "debits.TWD", (RANDOM.nextInt(90_000_000) + 10_000_000) + ".00",
                        "credits.TWD", (RANDOM.nextInt(90_000_000) + 10_000_000) + ".00");
                Instant vaultedAt = d.plusDays(1).atTime(LocalTime.of(1, 30)).atZone(TAIPEI).toInstant();
                if (vaultedAt.isAfter(clock.instant())) {
                    vaultedAt = clock.instant().minusSeconds(60);
                }
                VaultAttestation a = new VaultAttestation(institution.value(), repository, hex(32), d, vaultedAt, 4,
                        customers * 2_400, counts, totals, hex(32));
                ledger.append(job, SignedAttestation.sign(a, key).toJson());
            }
        } finally {
            tokens.revoke(DEMO, issued.token().id());
        }
    }

    private static LocalDate lastDate(LocalDate due, int behind) {
        LocalDate d = due;
        for (int i = 0; i < behind; i++) {
            d = previousBusinessDay(d);
        }
        return d;
    }

    private static LocalDate previousBusinessDay(LocalDate date) {
        LocalDate d = date.minusDays(1);
        while (d.getDayOfWeek().getValue() >= 6) {
            d = d.minusDays(1);
        }
        return d;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
