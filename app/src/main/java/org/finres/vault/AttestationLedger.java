package org.finres.vault;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditOutcome;
import org.finres.core.AuditTrail;
import org.finres.core.ConflictException;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.vault.engine.MalformedAttestationException;
import org.finres.vault.engine.SignatureRefusedException;
import org.finres.vault.engine.attestation.SignedAttestation;
import org.finres.vault.engine.attestation.VaultAttestation;
import org.finres.vault.engine.signing.SigningPublicKey;
import org.finres.vault.engine.signing.VaultSignature;
import org.finres.vault.internal.BusinessCalendar;
import org.finres.vault.internal.LedgerChain;
import org.finres.vault.internal.VaultProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The attestation signing-key registry and the append-only, hash-chained ledger of signed attestations. An
 * attestation is accepted only from its own institution's credential, signed by a key that institution registered
 * and has not retired; appends are serialised on the {@code vault_ledger_head} row so the sequence is dense and a
 * gap always means a removed entry. Verification re-checks every link, hash and signature.
 */
@Service
public class AttestationLedger {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");
    private static final int VERIFY_BATCH = 1_000;

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final Clock clock;
    private final BusinessCalendar calendar;
    private final VaultProperties properties;
    private final AtomicReference<LedgerVerification> lastVerification = new AtomicReference<>();

    public AttestationLedger(JdbcClient jdbc, TenantAccess access, AuditTrail audit, Clock clock,
                             VaultProperties properties) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.calendar = new BusinessCalendar(properties);
    }

    // ---- signing keys ------------------------------------------------------------------------------------------

    /** Registers a signing key for the actor's own institution. */
    @Transactional
    public SigningKeyInfo registerKey(Actor actor, byte[] encodedPublicKey) {
        InstitutionId own = actor.institutionId();
        access.check(actor, Permission.VAULT_KEYS, own, "vault.signing_key.register", "vault_signing_key", null);
        SigningPublicKey key;
        try {
            key = SigningPublicKey.decode(encodedPublicKey);
        } catch (SignatureRefusedException e) {
            throw new InvalidInputException("publicKey", "is not a signing public key: " + e.getMessage());
        }
        String fingerprint = key.fingerprintHex();
        if (jdbc.sql("select count(*) from vault_signing_key where fingerprint = :f").param("f", fingerprint)
                .query(Long.class).single() > 0) {
            throw new ConflictException("signing key " + fingerprint + " is already registered; a key is registered "
                    + "once and names one institution");
        }
        Instant now = LedgerChain.storedPrecision(clock.instant());
        jdbc.sql("""
                insert into vault_signing_key (fingerprint, institution_id, public_key, ml_dsa, registered_at, registered_by)
                values (:f, :i, :k, :ml, :at, :by)
                """).param("f", fingerprint).param("i", own.value()).param("k", key.encode())
                .param("ml", key.hasMlDsa65()).param("at", Timestamp.from(now)).param("by", actor.auditName()).update();
        audit.record(actor, AuditEntry.success("vault.signing_key.registered", "vault_signing_key", fingerprint, own)
                .with("mlDsa65", Boolean.toString(key.hasMlDsa65())));
        return key(fingerprint).orElseThrow();
    }

    public List<SigningKeyInfo> keys(Actor actor, InstitutionId institution) {
        InstitutionId scope = access.scope(actor, Permission.VAULT_READ, institution, "vault.signing_key.list",
                "vault_signing_key");
        return jdbc.sql("""
                select * from vault_signing_key where (cast(:i as text) is null or institution_id = :i)
                order by registered_at desc
                """).param("i", scope == null ? null : scope.value()).query(AttestationLedger::mapKey).list();
    }

    /** Retires one of the actor's institution's keys: it signs no new attestation; old entries keep verifying. */
    @Transactional
    public SigningKeyInfo retireKey(Actor actor, String fingerprint) {
        SigningKeyInfo key = fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches() ? null
                : key(fingerprint).orElse(null);
        if (key == null) {
            throw new NotFoundException("vault_signing_key", fingerprint);
        }
        access.check(actor, Permission.VAULT_KEYS, key.institution(), "vault.signing_key.retire",
                "vault_signing_key", fingerprint);
        if (!key.active()) {
            throw new ConflictException("signing key " + fingerprint + " was already retired at " + key.retiredAt());
        }
        jdbc.sql("update vault_signing_key set retired_at = :at, retired_by = :by where fingerprint = :f")
                .param("at", Timestamp.from(clock.instant())).param("by", actor.auditName()).param("f", fingerprint)
                .update();
        audit.record(actor, AuditEntry.success("vault.signing_key.retired", "vault_signing_key", fingerprint,
                key.institution()));
        return key(fingerprint).orElseThrow();
    }

    private java.util.Optional<SigningKeyInfo> key(String fingerprint) {
        return jdbc.sql("select * from vault_signing_key where fingerprint = :f").param("f", fingerprint)
                .query(AttestationLedger::mapKey).optional();
    }

    // ---- ledger ------------------------------------------------------------------------------------------------

    /**
     * Verifies and appends a signed attestation ({@link SignedAttestation#toJson()}) for the actor's institution.
     *
     * @throws InvalidInputException   malformed JSON or attestation (400)
     * @throws AccessRefusedException  the attestation names another institution (403)
     * @throws VaultRefusedException   unregistered or retired signer, a signature that does not verify, a business
     *                                 date in the future (422)
     * @throws ConflictException       the snapshot is already in the ledger (409)
     */
    @Transactional
    public LedgerEntry append(Actor actor, String signedAttestationJson) {
        InstitutionId own = actor.institutionId();
        access.check(actor, Permission.VAULT_WRITE, own, "vault.attestation.submit", "vault_attestation", null);
        SignedAttestation signed;
        try {
            signed = SignedAttestation.parse(signedAttestationJson);
        } catch (MalformedAttestationException e) {
            throw new InvalidInputException("attestation", "is malformed: " + e.getMessage());
        }
        VaultAttestation a = signed.attestation();
        if (!a.institution().equals(own.value())) {
            audit.recordDenied(actor, "vault.attestation.submit", "vault_attestation", a.snapshotId(), own,
                    "attestation names institution " + a.institution());
            throw new AccessRefusedException("the attestation names institution '" + a.institution()
                    + "', but this credential belongs to '" + own.value() + "': an institution attests only for itself");
        }
        String fingerprint = signed.signer().fingerprintHex();
        SigningKeyInfo key = key(fingerprint).orElse(null);
        if (key == null || !key.institution().equals(own)) {
            throw refused(actor, a, "signing key " + fingerprint + " is not registered for " + own.value()
                    + " (register it with POST /api/v1/vault/signing-keys)");
        }
        if (!key.active()) {
            throw refused(actor, a, "signing key " + fingerprint + " was retired at " + key.retiredAt()
                    + " and signs no new attestation");
        }
        try {
            signed.verify();
        } catch (SignatureRefusedException e) {
            throw refused(actor, a, e.getMessage());
        }
        Instant now = LedgerChain.storedPrecision(clock.instant());
        if (a.businessDate().isAfter(calendar.today(now))) {
            throw refused(actor, a, "business date " + a.businessDate() + " is after today (" + calendar.today(now)
                    + " in " + properties.zone() + ")");
        }
        if (a.vaultedAt().isAfter(now.plus(properties.clockSkew()))) {
            throw refused(actor, a, "vaultedAt " + a.vaultedAt() + " is in the future (the hub's time is " + now + ")");
        }
        Head head = jdbc.sql("select sequence, hash from vault_ledger_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        Long existing = jdbc.sql("select sequence from vault_ledger where snapshot_id = :s")
                .param("s", a.snapshotId()).query(Long.class).optional().orElse(null);
        if (existing != null) {
            throw new ConflictException("snapshot " + a.snapshotId() + " is already attested (ledger entry "
                    + existing + ")");
        }
        long sequence = head.sequence() + 1;
        byte[] signerKey = signed.signer().encode();
        byte[] signedBytes = signed.signedBytes();
        byte[] signature = signed.signature().encode();
        String hash = LedgerChain.hash(sequence, own.value(), now, signerKey, signedBytes, signature, head.hash());
        jdbc.sql("""
                insert into vault_ledger (sequence, institution_id, received_at, signer_key, signed_bytes, signature,
                                          submitted_by, prev_hash, entry_hash, signer_fingerprint, snapshot_id,
                                          repository_id, business_date, vaulted_at)
                values (:seq, :i, :at, :key, :bytes, :sig, :by, :prev, :hash, :fp, :snap, :repo, :date, :vaulted)
                """).param("seq", sequence).param("i", own.value()).param("at", Timestamp.from(now))
                .param("key", signerKey).param("bytes", signedBytes).param("sig", signature)
                .param("by", actor.auditName()).param("prev", head.hash()).param("hash", hash).param("fp", fingerprint)
                .param("snap", a.snapshotId()).param("repo", a.repositoryId()).param("date", a.businessDate())
                .param("vaulted", Timestamp.from(a.vaultedAt())).update();
        jdbc.sql("update vault_ledger_head set sequence = :s, hash = :h where id = 1").param("s", sequence)
                .param("h", hash).update();
        audit.record(actor, AuditEntry.success("vault.attested", "vault_attestation", a.snapshotId(), own)
                .with("sequence", Long.toString(sequence)).with("businessDate", a.businessDate().toString())
                .with("entryHash", hash).with("signer", fingerprint));
        return new LedgerEntry(sequence, own, a, fingerprint, now, actor.auditName(), head.hash(), hash);
    }

    /** A refusal of a well-formed attestation, recorded whatever happens to the request. */
    private VaultRefusedException refused(Actor actor, VaultAttestation a, String reason) {
        audit.recordIndependently(actor, new AuditEntry("vault.attestation.refused", "vault_attestation",
                a.snapshotId(), actor.institutionId(), AuditOutcome.FAILURE, null).with("reason", reason)
                .with("businessDate", a.businessDate().toString()));
        return new VaultRefusedException(reason);
    }

    public List<LedgerEntry> list(Actor actor, LedgerQuery query) {
        InstitutionId scope = access.scope(actor, Permission.VAULT_READ, query.institution(),
                "vault.attestations.list", "vault_attestation");
        return jdbc.sql("""
                select * from vault_ledger
                where (cast(:i as text) is null or institution_id = :i)
                  and (cast(:from as date) is null or business_date >= :from)
                  and (cast(:to as date) is null or business_date <= :to)
                  and (cast(:before as bigint) is null or sequence < :before)
                order by sequence desc limit :limit
                """).param("i", scope == null ? null : scope.value()).param("from", query.from())
                .param("to", query.to()).param("before", query.beforeSequence()).param("limit", query.limit())
                .query(AttestationLedger::mapEntry).list();
    }

    /** The newest business date each institution attested, for freshness. */
    List<LastVault> lastVaults() {
        return jdbc.sql("""
                select institution_id, max(business_date) as d, max(vaulted_at) as v from vault_ledger
                group by institution_id
                """).query((rs, n) -> new LastVault(InstitutionId.of(rs.getString(1)),
                rs.getObject(2, LocalDate.class), rs.getTimestamp(3).toInstant())).list();
    }

    record LastVault(InstitutionId institution, LocalDate businessDate, Instant vaultedAt) {
    }

    /** Walks the whole chain; only for those who read every institution's vault (the hub and the regulator). */
    public LedgerVerification verify(Actor actor) {
        access.requireAll(actor, Permission.VAULT_READ, "vault.ledger.verify", "vault_ledger", null);
        LedgerVerification result = verifyChain();
        lastVerification.set(result);
        audit.record(actor, AuditEntry.success("vault.ledger.verified", "vault_ledger", null, null)
                .with("intact", Boolean.toString(result.intact()))
                .with("entries", Long.toString(result.entriesChecked()))
                .with("firstBroken", result.firstBrokenSequence() == null ? "" : result.firstBrokenSequence().toString()));
        return result;
    }

    /** The last verification when younger than {@code maxAge}, else a new one: pages must not walk it per view. */
    public LedgerVerification recentVerification(Actor actor, Duration maxAge) {
        LedgerVerification last = lastVerification.get();
        if (last != null && last.checkedAt().isAfter(clock.instant().minus(maxAge))) {
            access.requireAll(actor, Permission.VAULT_READ, "vault.ledger.verify", "vault_ledger", null);
            return last;
        }
        return verify(actor);
    }

    LedgerVerification verifyChain() {
        Instant at = clock.instant();
        Head head = jdbc.sql("select sequence, hash from vault_ledger_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        long expected = 1;
        String previous = LedgerChain.GENESIS;
        long checked = 0;
        long after = 0;
        while (true) {
            List<StoredEntry> batch = jdbc.sql("select * from vault_ledger where sequence > :after order by sequence limit :n")
                    .param("after", after).param("n", VERIFY_BATCH).query(AttestationLedger::mapStored).list();
            if (batch.isEmpty()) {
                break;
            }
            for (StoredEntry e : batch) {
                String problem = problemOf(e, expected, previous);
                if (problem != null) {
                    return new LedgerVerification(false, checked, head.sequence(),
                            e.sequence() > expected ? expected : e.sequence(), problem, at);
                }
                previous = e.entryHash();
                expected++;
                checked++;
            }
            after = batch.getLast().sequence();
        }
        if (head.sequence() != checked || !head.hash().equals(previous)) {
            return new LedgerVerification(false, checked, head.sequence(), checked + 1, head.sequence() > checked
                    ? "entries " + (checked + 1) + " to " + head.sequence() + " are missing from the end of the ledger"
                    : "the ledger head (" + head.sequence() + ") does not match the last entry (" + checked + ")", at);
        }
        return new LedgerVerification(true, checked, head.sequence(), null, null, at);
    }

    private static String problemOf(StoredEntry e, long expected, String previous) {
        if (e.sequence() != expected) {
            return e.sequence() > expected
                    ? "entry " + expected + (e.sequence() - expected > 1 ? " to " + (e.sequence() - 1) : "")
                      + " missing: the ledger jumps from " + (expected - 1) + " to " + e.sequence()
                    : "entry " + e.sequence() + " is out of order";
        }
        if (!e.previousHash().equals(previous)) {
            return "entry " + e.sequence() + " does not link to entry " + (e.sequence() - 1)
                    + ": its previous hash differs from that entry's hash (an entry was removed, inserted or reordered)";
        }
        String recomputed = LedgerChain.hash(e.sequence(), e.institution(), e.receivedAt(), e.signerKey(),
                e.signedBytes(), e.signature(), e.previousHash());
        if (!recomputed.equals(e.entryHash())) {
            return "entry " + e.sequence() + " was altered: its content no longer matches its hash";
        }
        SignedAttestation signed;
        try {
            signed = SignedAttestation.parse(e.envelopeJson());
        } catch (MalformedAttestationException | SignatureRefusedException ex) {
            return "entry " + e.sequence() + " holds no readable attestation: " + ex.getMessage();
        }
        if (!signed.verifies()) {
            return "entry " + e.sequence() + "'s signature does not verify under its signer "
                    + signed.signer().fingerprintHex();
        }
        VaultAttestation a = signed.attestation();
        if (!a.institution().equals(e.institution()) || !a.snapshotId().equals(e.snapshotId())
                || !a.businessDate().equals(e.businessDate()) || !signed.signer().fingerprintHex().equals(e.signerFingerprint())) {
            return "entry " + e.sequence() + "'s indexed columns (institution, snapshot, business date or signer) "
                    + "differ from what was signed";
        }
        return null;
    }

    // ---- mapping -----------------------------------------------------------------------------------------------

    private record Head(long sequence, String hash) {
    }

    private record StoredEntry(long sequence, String institution, Instant receivedAt, byte[] signerKey,
                               byte[] signedBytes, byte[] signature, String submittedBy, String previousHash,
                               String entryHash, String signerFingerprint, String snapshotId, LocalDate businessDate) {
        /** The wire envelope of what is stored, so the strict reader checks it. */
        String envelopeJson() {
            return "{\"attestation\":" + new String(signedBytes, java.nio.charset.StandardCharsets.UTF_8)
                    + ",\"signer\":\"" + java.util.Base64.getEncoder().encodeToString(signerKey)
                    + "\",\"signature\":\"" + java.util.Base64.getEncoder().encodeToString(signature) + "\"}";
        }
    }

    private static StoredEntry mapStored(ResultSet rs, int n) throws SQLException {
        return new StoredEntry(rs.getLong("sequence"), rs.getString("institution_id"),
                rs.getTimestamp("received_at").toInstant(), rs.getBytes("signer_key"), rs.getBytes("signed_bytes"),
                rs.getBytes("signature"), rs.getString("submitted_by"), rs.getString("prev_hash"),
                rs.getString("entry_hash"), rs.getString("signer_fingerprint"), rs.getString("snapshot_id"),
                rs.getObject("business_date", LocalDate.class));
    }

    private static LedgerEntry mapEntry(ResultSet rs, int n) throws SQLException {
        StoredEntry e = mapStored(rs, n);
        VaultAttestation a;
        try {
            a = SignedAttestation.parse(e.envelopeJson()).attestation();
        } catch (MalformedAttestationException | SignatureRefusedException unreadable) {
            // A damaged entry is still listed (verification names it), never hidden.
            a = null;
        }
        return new LedgerEntry(e.sequence(), InstitutionId.of(e.institution()), a, e.signerFingerprint(),
                e.receivedAt(), e.submittedBy(), e.previousHash(), e.entryHash());
    }

    private static SigningKeyInfo mapKey(ResultSet rs, int n) throws SQLException {
        Timestamp retired = rs.getTimestamp("retired_at");
        return new SigningKeyInfo(rs.getString("fingerprint"), InstitutionId.of(rs.getString("institution_id")),
                rs.getBytes("public_key"), rs.getBoolean("ml_dsa"), rs.getTimestamp("registered_at").toInstant(),
                rs.getString("registered_by"), retired == null ? null : retired.toInstant(), rs.getString("retired_by"));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
