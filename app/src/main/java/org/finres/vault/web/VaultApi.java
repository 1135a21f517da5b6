package org.finres.vault.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.vault.AttestationLedger;
import org.finres.vault.CustodyRegistry;
import org.finres.vault.DrillOutcome;
import org.finres.vault.DrillRecord;
import org.finres.vault.DrillReport;
import org.finres.vault.Freshness;
import org.finres.vault.LedgerEntry;
import org.finres.vault.LedgerQuery;
import org.finres.vault.LedgerVerification;
import org.finres.vault.RestoreDrills;
import org.finres.vault.RestoreRequest;
import org.finres.vault.RestoreStatus;
import org.finres.vault.SigningKeyInfo;
import org.finres.vault.VaultCustody;
import org.finres.vault.VaultFreshness;
import org.finres.vault.engine.custody.CustodianRole;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The data safe harbour's REST API: signing keys, the attestation ledger, freshness, custody, restores, drills. */
@RestController
@RequestMapping("/api/v1/vault")
@Tag(name = "Vault", description = "Attestation ledger, vault freshness, key custody and restore approvals, drills")
class VaultApi {

    private final AttestationLedger ledger;
    private final VaultFreshness freshness;
    private final VaultCustody custody;
    private final RestoreDrills drills;

    VaultApi(AttestationLedger ledger, VaultFreshness freshness, VaultCustody custody, RestoreDrills drills) {
        this.ledger = ledger;
        this.freshness = freshness;
        this.custody = custody;
        this.drills = drills;
    }

    // ---- signing keys ------------------------------------------------------------------------------------------

    record PublicKeyBody(String publicKey) {
    }

    record KeyView(String fingerprint, String institution, String publicKey, boolean mlDsa65, Instant registeredAt,
                   String registeredBy, Instant retiredAt, boolean active) {
        static KeyView of(SigningKeyInfo k) {
            return new KeyView(k.fingerprint(), k.institution().value(), Base64.getEncoder().encodeToString(k.publicKey()),
                    k.mlDsa65(), k.registeredAt(), k.registeredBy(), k.retiredAt(), k.active());
        }
    }

    @PostMapping("/signing-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register an attestation signing key (base64 SigningPublicKey) for the caller's institution.")
    Map<String, String> registerKey(@RequestBody PublicKeyBody body) {
        SigningKeyInfo key = ledger.registerKey(CurrentActor.get(), base64(body == null ? null : body.publicKey(), "publicKey"));
        return Map.of("fingerprint", key.fingerprint());
    }

    @GetMapping("/signing-keys")
    @Operation(summary = "Signing keys, retired ones included; an institution sees its own.")
    List<KeyView> keys(@RequestParam(required = false) String institution) {
        return ledger.keys(CurrentActor.get(), institutionOrNull(institution)).stream().map(KeyView::of).toList();
    }

    @DeleteMapping("/signing-keys/{fingerprint}")
    @Operation(summary = "Retire a signing key: it signs no new attestation, old entries keep verifying.")
    KeyView retireKey(@PathVariable String fingerprint) {
        return KeyView.of(ledger.retireKey(CurrentActor.get(), fingerprint));
    }

    // ---- attestations ------------------------------------------------------------------------------------------

    record Appended(long sequence, String entryHash, String previousHash, String institution) {
    }

    record EntryView(long sequence, String institution, String repositoryId, String snapshotId, LocalDate businessDate,
                     Instant vaultedAt, long files, long bytes, Map<String, Long> recordCounts,
                     Map<String, String> controlTotals, String manifestSha256, String signer, Instant receivedAt,
                     String submittedBy, String previousHash, String entryHash) {
        static EntryView of(LedgerEntry e) {
            var a = e.attestation();
            if (a == null) {
                return new EntryView(e.sequence(), e.institution().value(), null, null, null, null, 0, 0, Map.of(),
                        Map.of(), null, e.signerFingerprint(), e.receivedAt(), e.submittedBy(), e.previousHash(),
                        e.entryHash());
            }
            return new EntryView(e.sequence(), e.institution().value(), a.repositoryId(), a.snapshotId(),
                    a.businessDate(), a.vaultedAt(), a.files(), a.bytes(), a.recordCounts(), a.controlTotals(),
                    a.manifestSha256(), e.signerFingerprint(), e.receivedAt(), e.submittedBy(), e.previousHash(),
                    e.entryHash());
        }
    }

    @PostMapping(path = "/attestations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Append a signed attestation (SignedAttestation.toJson()) for the token's institution. 403 "
            + "for another institution's, 422 for an unregistered or retired signer or a bad signature, 409 for a "
            + "snapshot already attested.")
    Appended attest(@RequestBody String body) {
        LedgerEntry e = ledger.append(CurrentActor.get(), body);
        return new Appended(e.sequence(), e.entryHash(), e.previousHash(), e.institution().value());
    }

    @GetMapping("/attestations")
    @Operation(summary = "Ledger entries, newest first; an institution sees only its own. from/to: business dates; "
            + "before: a sequence number for paging; limit at most 500 (default 100).")
    List<EntryView> attestations(@RequestParam(required = false) String institution,
                                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String before,
                                 @RequestParam(required = false) String limit) {
        LedgerQuery query = new LedgerQuery(institutionOrNull(institution), date(from, "from"), date(to, "to"),
                before == null || before.isBlank() ? null : whole(before, "before"),
                limit == null || limit.isBlank() ? 100 : (int) whole(limit, "limit"));
        return ledger.list(CurrentActor.get(), query).stream().map(EntryView::of).toList();
    }

    @GetMapping("/ledger/verification")
    @Operation(summary = "Walk the whole ledger (hub and regulator): every link, hash and signature; names the first "
            + "broken entry.")
    LedgerVerification verify() {
        return ledger.verify(CurrentActor.get());
    }

    // ---- freshness ---------------------------------------------------------------------------------------------

    record FreshnessView(String institution, LocalDate lastBusinessDate, Instant lastVaultedAt, String status,
                         LocalDate requiredDate, Integer businessDaysBehind) {
    }

    @GetMapping("/freshness")
    @Operation(summary = "Each institution's last vaulted business date and status FRESH, LATE or MISSING.")
    List<FreshnessView> freshness() {
        return freshness.freshness(CurrentActor.get()).stream().map(f -> new FreshnessView(f.institution().value(),
                f.lastBusinessDate(), f.lastVaultedAt(), f.status().name(), f.requiredDate(), f.businessDaysBehind()))
                .toList();
    }

    // ---- custody -----------------------------------------------------------------------------------------------

    record CustodianView(String role, String name, String tenant, String publicKey, String fingerprint,
                         Instant registeredAt) {
    }

    record CustodyView(String institution, Integer threshold, String restoringInstitution,
                       List<CustodianView> custodians) {
        static CustodyView of(CustodyRegistry r) {
            return new CustodyView(r.institution().value(), r.threshold(),
                    r.restoringInstitution() == null ? null : r.restoringInstitution().value(),
                    r.custodians().stream().map(c -> new CustodianView(c.role().name(), c.name(), c.tenant().value(),
                            Base64.getEncoder().encodeToString(c.publicKey()), c.fingerprint(), c.registeredAt())).toList());
        }
    }

    record CustodyBody(Integer threshold, String restoringInstitution) {
    }

    record CustodianBody(String name, String publicKey) {
    }

    @GetMapping("/custody/{institution}")
    @Operation(summary = "An institution's escrow: threshold, restoring institution and the registered custodian keys.")
    CustodyView custody(@PathVariable String institution) {
        return CustodyView.of(custody.registry(CurrentActor.get(), pathInstitution(institution)));
    }

    @PutMapping("/custody/{institution}")
    @Operation(summary = "Set the threshold (2-4) and the restoring institution (hub operator only).")
    CustodyView configure(@PathVariable String institution, @RequestBody CustodyBody body) {
        if (body == null || body.threshold() == null) {
            throw new InvalidInputException("threshold", "is required");
        }
        if (body.restoringInstitution() == null || body.restoringInstitution().isBlank()) {
            throw new InvalidInputException("restoringInstitution", "is required");
        }
        return CustodyView.of(custody.configure(CurrentActor.get(), pathInstitution(institution), body.threshold(),
                InstitutionId.of(body.restoringInstitution().strip())));
    }

    @PutMapping("/custody/{institution}/custodians/{role}")
    @Operation(summary = "Register the caller's own custodian key (base64 CustodianPublicKey) for the role its tenant "
            + "holds in the institution's escrow.")
    CustodyView registerCustodian(@PathVariable String institution, @PathVariable String role,
                                  @RequestBody CustodianBody body) {
        return CustodyView.of(custody.registerCustodian(CurrentActor.get(), pathInstitution(institution), role(role),
                body == null ? null : body.name(), base64(body == null ? null : body.publicKey(), "publicKey")));
    }

    // ---- restore requests --------------------------------------------------------------------------------------

    record RestoreBody(String institution, String repositoryId, String reason, String restorerPublicKey) {
    }

    record ApprovalBody(String role, String releasedShare) {
    }

    record DenialBody(String role, String reason) {
    }

    record DecisionView(String role, String tenant, String decision, String custodianFingerprint, String reason,
                        Instant at, String by) {
    }

    record RequestView(UUID id, String institution, String restoringInstitution, String repositoryId, String reason,
                       String restorerFingerprint, String status, int threshold, long approvals, long denials,
                       Instant requestedAt, String requestedBy, Instant decidedAt, List<DecisionView> decisions) {
        static RequestView of(RestoreRequest r) {
            return new RequestView(r.id(), r.institution().value(), r.restoringInstitution().value(), r.repositoryId(),
                    r.reason(), r.restorerFingerprint(), r.status().name(), r.threshold(), r.approvals(), r.denials(),
                    r.requestedAt(), r.requestedBy(), r.decidedAt(), r.decisions().stream().map(d -> new DecisionView(
                            d.role().name(), d.tenant().value(), d.approved() ? "APPROVED" : "DENIED",
                            d.custodianFingerprint(), d.reason(), d.decidedAt(), d.decidedBy())).toList());
        }
    }

    @PostMapping("/restore-requests")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Request a restore of an institution's repository (its designated restoring institution only).")
    RequestView requestRestore(@RequestBody RestoreBody body) {
        if (body == null || body.institution() == null || body.institution().isBlank()) {
            throw new InvalidInputException("institution", "is required");
        }
        return RequestView.of(custody.requestRestore(CurrentActor.get(), InstitutionId.of(body.institution().strip()),
                body.repositoryId(), body.reason(), base64(body.restorerPublicKey(), "restorerPublicKey")));
    }

    @GetMapping("/restore-requests")
    @Operation(summary = "Restore requests the caller may read, newest first (status: PENDING, APPROVED, DENIED).")
    List<RequestView> requests(@RequestParam(required = false) String institution,
                               @RequestParam(required = false) String status) {
        RestoreStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = RestoreStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("status", "must be PENDING, APPROVED or DENIED");
            }
        }
        return custody.requests(CurrentActor.get(), institutionOrNull(institution), s, 200).stream()
                .map(RequestView::of).toList();
    }

    @GetMapping("/restore-requests/{id}")
    @Operation(summary = "One restore request with its approvals and denials (role, tenant, time).")
    RequestView request(@PathVariable String id) {
        return RequestView.of(custody.request(CurrentActor.get(), requestId(id)));
    }

    @PostMapping("/restore-requests/{id}/approvals")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Approve for the role the caller's tenant holds, with the released share (base64 ReleasedShare "
            + "sealed to the request's restorer key).")
    RequestView approve(@PathVariable String id, @RequestBody ApprovalBody body) {
        return RequestView.of(custody.approve(CurrentActor.get(), requestId(id), role(body == null ? null : body.role()),
                base64(body == null ? null : body.releasedShare(), "releasedShare")));
    }

    @PostMapping("/restore-requests/{id}/denials")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Deny for the role the caller's tenant holds, with a reason.")
    RequestView deny(@PathVariable String id, @RequestBody DenialBody body) {
        return RequestView.of(custody.deny(CurrentActor.get(), requestId(id), role(body == null ? null : body.role()),
                body == null ? null : body.reason()));
    }

    @GetMapping("/restore-requests/{id}/shares")
    @Operation(summary = "The released shares: only for the restoring institution and only once APPROVED.")
    Map<String, List<String>> shares(@PathVariable String id) {
        return Map.of("shares", custody.shares(CurrentActor.get(), requestId(id)).stream()
                .map(b -> Base64.getEncoder().encodeToString(b)).toList());
    }

    // ---- drills ------------------------------------------------------------------------------------------------

    record DrillBody(String institution, String repositoryId, String snapshotId, String businessDate, String startedAt,
                     String finishedAt, Map<String, Double> phases, Long files, Long bytes, Boolean controlTotalsMatch,
                     List<String> discrepancies, Long targetSeconds, String outcome) {
    }

    record DrillView(UUID id, String institution, String repositoryId, String snapshotId, LocalDate businessDate,
                     Instant startedAt, Instant finishedAt, long elapsedSeconds, Map<String, Double> phases, long files,
                     long bytes, boolean controlTotalsMatch, List<String> discrepancies, long targetSeconds,
                     boolean withinTarget, String outcome, String recordedByTenant, Instant recordedAt) {
        static DrillView of(DrillRecord d) {
            DrillReport r = d.report();
            return new DrillView(d.id(), r.institution().value(), r.repositoryId(), r.snapshotId(), r.businessDate(),
                    r.startedAt(), r.finishedAt(), r.elapsedSeconds(), r.phases(), r.files(), r.bytes(),
                    r.controlTotalsMatch(), r.discrepancies(), r.targetSeconds(), r.withinTarget(), r.outcome().name(),
                    d.recordedByTenant().value(), d.recordedAt());
        }
    }

    @PostMapping("/drills")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record restore drill evidence (the institution or its restoring institution).")
    DrillView recordDrill(@RequestBody DrillBody b) {
        if (b == null) {
            throw new InvalidInputException("body", "is required");
        }
        DrillOutcome outcome;
        try {
            outcome = b.outcome() == null ? null : DrillOutcome.valueOf(b.outcome().strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("outcome", "must be PASSED or FAILED");
        }
        DrillReport report = new DrillReport(b.institution() == null ? null : InstitutionId.of(b.institution().strip()),
                b.repositoryId(), b.snapshotId(), date(b.businessDate(), "businessDate"), instant(b.startedAt(), "startedAt"),
                instant(b.finishedAt(), "finishedAt"), b.phases(), required(b.files(), "files"),
                required(b.bytes(), "bytes"), b.controlTotalsMatch() != null && b.controlTotalsMatch(),
                b.discrepancies() == null ? List.of() : b.discrepancies(),
                b.targetSeconds() == null ? 86_400 : b.targetSeconds(), outcome);
        if (b.controlTotalsMatch() == null) {
            throw new InvalidInputException("controlTotalsMatch", "is required (true or false)");
        }
        return DrillView.of(drills.record(CurrentActor.get(), report));
    }

    @GetMapping("/drills")
    @Operation(summary = "Drill evidence, newest first; an institution sees its own and those it recorded as restorer.")
    List<DrillView> drills(@RequestParam(required = false) String institution) {
        return drills.list(CurrentActor.get(), institutionOrNull(institution), 200).stream().map(DrillView::of).toList();
    }

    // ---- parsing -----------------------------------------------------------------------------------------------

    static byte[] base64(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required (base64)");
        }
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "is not base64: " + e.getMessage());
        }
    }

    static CustodianRole role(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("role", "is required: INSTITUTION, HUB_OPERATOR, REGULATOR or "
                    + "RESTORING_INSTITUTION");
        }
        try {
            return CustodianRole.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "must be INSTITUTION, HUB_OPERATOR, REGULATOR or "
                    + "RESTORING_INSTITUTION (was '" + InvalidInputException.preview(value) + "')");
        }
    }

    private static InstitutionId institutionOrNull(String value) {
        return value == null || value.isBlank() ? null : InstitutionId.of(value.strip());
    }

    /** A malformed institution in a path names nothing anyone has: "not found". */
    private static InstitutionId pathInstitution(String value) {
        try {
            return InstitutionId.of(value);
        } catch (InvalidInputException e) {
            throw new NotFoundException("institution", value);
        }
    }

    static UUID requestId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("vault_restore_request", id);
        }
    }

    static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date like 2026-12-01");
        }
    }

    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO instant like 2026-12-01T22:05:00Z");
        }
    }

    private static long whole(String value, String field) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }

    private static long required(Long value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }
}
