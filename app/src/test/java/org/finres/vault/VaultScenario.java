package org.finres.vault;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.TestSector;
import org.finres.vault.engine.custody.CustodianKeyPair;
import org.finres.vault.engine.custody.CustodianRole;
import org.finres.vault.engine.signing.SigningKeyPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bank with a fresh attestation, a restorer, an escrow of 3 of 4 whose custodians registered their keys, and a
 * pending restore request: the state the pages and the browser tests start from, built through the API.
 */
final class VaultScenario {

    final InstitutionId bank;
    final InstitutionId restorer;
    final VaultFixtures.Escrow escrow = VaultFixtures.escrow(3);
    final CustodianKeyPair restorerKey = CustodianKeyPair.generate();
    final String hubAdmin;
    final String regulator;
    final String bankAdmin;
    final String restorerAdmin;
    final String requestId;

    VaultScenario(TestSector sector, VaultHttp http, VaultFreshness freshness, String prefix) {
        bank = sector.institution(prefix + "-bank", InstitutionKind.BANK);
        restorer = sector.institution(prefix + "-restorer", InstitutionKind.BANK);
        hubAdmin = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        regulator = sector.token(InstitutionId.REGULATOR, TokenScope.ADMIN);
        bankAdmin = sector.token(bank, TokenScope.ADMIN);
        restorerAdmin = sector.token(restorer, TokenScope.ADMIN);
        SigningKeyPair key = SigningKeyPair.generate(false);
        assertThat(http.post(bankAdmin, "/api/v1/vault/signing-keys",
                Map.of("publicKey", b64(key.publicKey().encode()))).status()).isEqualTo(201);
        assertThat(http.post(sector.token(bank, TokenScope.VAULT_WRITE), "/api/v1/vault/attestations",
                VaultFixtures.signed(bank, freshness.requiredDate(Instant.now()), key)).status()).isEqualTo(201);
        assertThat(http.put(hubAdmin, "/api/v1/vault/custody/" + bank,
                Map.of("threshold", 3, "restoringInstitution", restorer.value())).status()).isEqualTo(200);
        Map<CustodianRole, String> holders = Map.of(CustodianRole.INSTITUTION, bankAdmin, CustodianRole.HUB_OPERATOR,
                hubAdmin, CustodianRole.REGULATOR, regulator, CustodianRole.RESTORING_INSTITUTION, restorerAdmin);
        holders.forEach((role, token) -> assertThat(http.put(token, "/api/v1/vault/custody/" + bank + "/custodians/" + role,
                Map.of("name", role.name(), "publicKey", b64(escrow.keys().get(role).publicKey().encode()))).status())
                .isEqualTo(200));
        var requested = http.post(restorerAdmin, "/api/v1/vault/restore-requests", Map.of("institution", bank.value(),
                "repositoryId", escrow.repositoryHex(), "reason", "Core banking down since 09:00",
                "restorerPublicKey", b64(restorerKey.publicKey().encode())));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        requestId = requested.json().get("id").asString();
    }

    byte[] share(CustodianRole role) {
        return escrow.release(role, restorerKey);
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
