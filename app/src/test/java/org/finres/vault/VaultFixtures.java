package org.finres.vault;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.vault.engine.attestation.SignedAttestation;
import org.finres.vault.engine.attestation.VaultAttestation;
import org.finres.vault.engine.custody.Custodian;
import org.finres.vault.engine.custody.CustodianKeyPair;
import org.finres.vault.engine.custody.CustodianRole;
import org.finres.vault.engine.custody.EscrowKeyFile;
import org.finres.vault.engine.custody.EscrowKeyWrapping;
import org.finres.vault.engine.custody.ReleasedShare;
import org.finres.vault.engine.signing.SigningKeyPair;

/** Real signed attestations and real escrows (vault-engine keys, Shamir shares, released shares) for the hub's tests. */
public final class VaultFixtures {

    private static final SecureRandom RANDOM = new SecureRandom();

    private VaultFixtures() {
    }

    public static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static VaultAttestation attestation(InstitutionId institution, LocalDate businessDate) {
        return new VaultAttestation(institution.value(), hex(16), hex(32), businessDate,
                Instant.now().minusSeconds(60), 4, 123_456, Map.of("customers", 10L, "accounts", 12L,
                "balances", 12L, "transactions", 40L), Map.of("closing_balance.TWD", "123456789.00",
                "debits.TWD", "1000.50", "credits.TWD", "2000.25"), hex(32));
    }

    public static String signed(InstitutionId institution, LocalDate businessDate, SigningKeyPair key) {
        return SignedAttestation.sign(attestation(institution, businessDate), key).toJson();
    }

    /** An escrow of one repository with a custodian key pair per role, as `finres vault init` would make it. */
    public record Escrow(byte[] repository, Map<CustodianRole, CustodianKeyPair> keys, EscrowKeyFile keyFile,
                         byte[] wrapped, byte[] dataKey) {

        public String repositoryHex() {
            return HexFormat.of().formatHex(repository);
        }

        public byte[] release(CustodianRole role, CustodianKeyPair restorer) {
            return ReleasedShare.release(keyFile, keys.get(role), restorer.publicKey()).encode();
        }
    }

    public static Escrow escrow(int threshold) {
        byte[] repository = new byte[16];
        RANDOM.nextBytes(repository);
        Map<CustodianRole, CustodianKeyPair> keys = new java.util.EnumMap<>(CustodianRole.class);
        List<Custodian> custodians = new ArrayList<>();
        for (CustodianRole role : CustodianRole.values()) {
            CustodianKeyPair pair = CustodianKeyPair.generate();
            keys.put(role, pair);
            custodians.add(new Custodian(role, role.name().toLowerCase(java.util.Locale.ROOT), pair.publicKey()));
        }
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        byte[] wrapped = EscrowKeyWrapping.forCustodians(threshold, custodians).wrap(dataKey, repository);
        return new Escrow(repository, keys, EscrowKeyFile.decode(wrapped), wrapped, dataKey);
    }
}
