package org.finres.cli.vault;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.finres.cli.remote.HubClient;
import org.finres.cli.remote.Output;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.attestation.SignedAttestation;
import org.finres.vault.engine.custody.Custodian;
import org.finres.vault.engine.custody.CustodianPublicKey;
import org.finres.vault.engine.custody.CustodianRole;
import org.finres.vault.engine.custody.ReleasedShare;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub's vault API as the CLI uses it (custody, attestations, restore requests, drills). Everything the hub
 * sends is checked before it is trusted with a key: a custodian's key must match its fingerprint, a share must
 * decode.
 */
final class VaultHub {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASE = "/api/v1/vault";

    /** An institution's escrow as the hub registers it. */
    record Custody(String institution, int threshold, String restoringInstitution, List<Custodian> custodians) {
    }

    private final HubClient client;

    VaultHub(HubClient client) {
        this.client = client;
    }

    HubClient client() {
        return client;
    }

    Custody custody(String institution) {
        JsonNode answer = client.get(BASE + "/custody/" + HubClient.segment(institution));
        JsonNode threshold = answer.path("threshold");
        if (!threshold.isIntegralNumber()) {
            throw VaultFailed.invalidData("the hub has no escrow threshold for " + institution + " yet (the hub "
                    + "operator sets it with PUT /api/v1/vault/custody/" + institution + ")");
        }
        List<Custodian> custodians = new ArrayList<>();
        for (JsonNode c : answer.path("custodians")) {
            String role = Output.printable(text(c, "role"));
            String name = text(c, "name");
            CustodianRole custodianRole;
            try {
                custodianRole = CustodianRole.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw VaultFailed.invalidData("the hub lists a custodian of unknown role '" + role + "' for "
                        + institution);
            }
            CustodianPublicKey key;
            try {
                key = CustodianPublicKey.decode(Base64.getDecoder().decode(text(c, "publicKey")));
            } catch (IllegalArgumentException | VaultException e) {
                throw VaultFailed.invalidData("the hub's public key of custodian " + role + " '"
                        + Output.printable(name) + "' of " + institution + " does not decode: " + e.getMessage());
            }
            String fingerprint = text(c, "fingerprint");
            if (!fingerprint.isEmpty() && !fingerprint.equalsIgnoreCase(key.fingerprintHex())) {
                throw VaultFailed.keyRefused("the hub's public key of custodian " + role + " '" + Output.printable(name)
                        + "' has fingerprint " + key.fingerprintHex() + ", not the " + Output.printable(fingerprint)
                        + " the hub states for it", null);
            }
            custodians.add(new Custodian(custodianRole, name.isBlank() ? role : name, key));
        }
        if (custodians.isEmpty()) {
            throw VaultFailed.invalidData("the hub has no custodian keys registered for " + institution);
        }
        return new Custody(institution, threshold.intValue(), text(answer, "restoringInstitution"), custodians);
    }

    JsonNode attest(SignedAttestation attestation) {
        return client.post(BASE + "/attestations", JSON.readTree(attestation.toJson()));
    }

    /** The hub's ledger entry attesting this snapshot, if the caller may read it and it exists. */
    java.util.Optional<JsonNode> attestation(String institution, java.time.LocalDate businessDate, String snapshotId) {
        JsonNode entries = client.get(BASE + "/attestations" + HubClient.query("institution", institution, "from",
                businessDate.toString(), "to", businessDate.toString()));
        for (JsonNode entry : entries) {
            if (snapshotId.equals(text(entry, "snapshotId"))) {
                return java.util.Optional.of(entry);
            }
        }
        return java.util.Optional.empty();
    }

    JsonNode restoreRequest(String id) {
        return client.get(BASE + "/restore-requests/" + HubClient.segment(id));
    }

    /** The released shares of an approved restore request, decoded (the restorer's own checks come at restore). */
    List<ReleasedShare> shares(String requestId) {
        JsonNode answer = client.get(BASE + "/restore-requests/" + HubClient.segment(requestId) + "/shares");
        List<ReleasedShare> shares = new ArrayList<>();
        int i = 0;
        for (JsonNode s : answer.path("shares")) {
            i++;
            try {
                shares.add(ReleasedShare.decode(Base64.getDecoder().decode(s.isString() ? s.stringValue() : "")));
            } catch (IllegalArgumentException | VaultException e) {
                throw VaultFailed.keyRefused("released share " + i + " of restore request " + requestId
                        + " from the hub does not decode: " + e.getMessage(), e);
            }
        }
        return shares;
    }

    JsonNode approve(String requestId, ReleasedShare share) {
        ObjectNode body = HubClient.object();
        body.put("role", share.role().name());
        body.put("releasedShare", Base64.getEncoder().encodeToString(share.encode()));
        return client.post(BASE + "/restore-requests/" + HubClient.segment(requestId) + "/approvals", body);
    }

    JsonNode drill(ObjectNode evidence) {
        return client.post(BASE + "/drills", evidence);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : "";
    }
}
