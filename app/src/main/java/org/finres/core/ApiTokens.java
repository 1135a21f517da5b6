package org.finres.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens per tenant, with scopes and an expiry. The secret is 256 random bits shown once at creation;
 * only its SHA-256 is stored (a slow hash adds nothing for a secret that cannot be guessed). A token reads
 * {@code frs_<id>_<secret>}; the id is public and names the token in the audit trail.
 */
@Service
public class ApiTokens {

    private static final Pattern TOKEN = Pattern.compile("frs_([a-z2-7]{16})_([A-Za-z0-9_-]{43})");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Institutions institutions;
    private final SecurityProperties policy;
    private final Clock clock;

    public ApiTokens(JdbcClient jdbc, AuditTrail audit, Institutions institutions, SecurityProperties policy, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.institutions = institutions;
        this.policy = policy;
        this.clock = clock;
    }

    public record Draft(InstitutionId institutionId, String name, Set<TokenScope> scopes, Duration lifetime) {
        public Draft {
            if (institutionId == null) {
                throw new InvalidInputException("institutionId", "is required", "required");
            }
            name = PlainText.name("name", name, 200);
            if (scopes == null || scopes.isEmpty()) {
                throw new InvalidInputException("scopes", "needs at least one of " + TokenScope.codes(), "scopes.none");
            }
            scopes = Set.copyOf(scopes);
            if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
                throw new InvalidInputException("validDays", "must be a positive number of days", "validDays.positive");
            }
        }
    }

    public List<ApiToken> list(Actor actor, InstitutionId tenant) {
        if (tenant == null && actor.grants().get(Permission.TOKENS_READ) == Permission.Reach.ALL) {
            return jdbc.sql("select * from api_token order by institution_id, created_at desc").query(ApiTokens::map).list();
        }
        InstitutionId scope = tenant != null ? tenant : actor.institutionId();
        if (!actor.may(Permission.TOKENS_READ, scope)) {
            audit.recordDenied(actor, "token.list", "api_token", null, scope, "other tenant or no permission");
            throw actor.knowsOf(scope) ? new AccessRefusedException("listing tokens needs the TOKENS_READ permission")
                    : new NotFoundException("institution", scope.value());
        }
        return jdbc.sql("select * from api_token where institution_id = :t order by created_at desc")
                .param("t", scope.value()).query(ApiTokens::map).list();
    }

    public ApiToken get(Actor actor, TokenId id) {
        ApiToken token = find(id).orElse(null);
        if (token == null || !actor.may(Permission.TOKENS_READ, token.institutionId())) {
            audit.recordDenied(actor, "token.read", "api_token", id.value(), token == null ? null : token.institutionId(),
                    token == null ? "no such token" : "other tenant or no permission");
            throw new NotFoundException("token", id.value());
        }
        return token;
    }

    public Optional<ApiToken> find(TokenId id) {
        return jdbc.sql("select * from api_token where id = :id").param("id", id.value()).query(ApiTokens::map).optional();
    }

    @Transactional
    public IssuedToken issue(Actor actor, Draft draft) {
        if (!actor.may(Permission.TOKENS_MANAGE, draft.institutionId())) {
            audit.recordDenied(actor, "token.create", "api_token", null, draft.institutionId(), "other tenant or no permission");
            if (actor.knowsOf(draft.institutionId())) {
                throw new AccessRefusedException("creating tokens needs the TOKENS_MANAGE permission");
            }
            throw new NotFoundException("institution", draft.institutionId().value());
        }
        if (draft.lifetime().compareTo(policy.maxTokenLifetime()) > 0) {
            throw new InvalidInputException("validDays", "must be at most " + policy.maxTokenLifetime().toDays() + " days",
                    "validDays.max", policy.maxTokenLifetime().toDays());
        }
        institutions.find(draft.institutionId())
                .orElseThrow(() -> new NotFoundException("institution", draft.institutionId().value()));
        // A token may not carry more than its creator holds: an institution admin cannot mint audit:read
        // tokens that reach further than they do, and a token cannot mint a broader token.
        for (TokenScope scope : draft.scopes()) {
            InstitutionKind kind = institutions.find(draft.institutionId()).orElseThrow().kind();
            for (var grant : scope.grantsFor(kind).entrySet()) {
                // Sending events and vault attestations are machine permissions no person holds; whoever manages
                // the tenant's tokens may hand them to a forwarder or vault job of that tenant.
                if (grant.getKey() == Permission.EVENTS_WRITE || grant.getKey() == Permission.VAULT_WRITE
                        || grant.getKey() == Permission.RESILIENCE_WRITE) {
                    continue;
                }
                if (!actor.may(grant.getKey(), draft.institutionId())) {
                    throw new InvalidInputException("scopes", "scope '" + scope.code()
                            + "' would grant " + grant.getKey() + ", which you do not hold", "scopes.beyond", scope.code());
                }
            }
        }
        TokenId id = new TokenId(randomBase32(16));
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Instant now = clock.instant();
        Instant expires = now.plus(draft.lifetime());
        String[] scopes = draft.scopes().stream().map(TokenScope::code).sorted().toArray(String[]::new);
        jdbc.sql("""
                insert into api_token (id, institution_id, name, scopes, secret_hash, created_by, created_at, expires_at)
                values (:id, :tenant, :name, :scopes, :hash, :by, :now, :expires)
                """)
                .param("id", id.value()).param("tenant", draft.institutionId().value()).param("name", draft.name())
                .param("scopes", scopes).param("hash", sha256(secret)).param("by", actor.auditName())
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(expires)).update();
        audit.record(actor, AuditEntry.success("token.created", "api_token", id.value(), draft.institutionId())
                .with("name", draft.name()).with("scopes", String.join(" ", scopes))
                .with("expiresAt", expires.toString()));
        return new IssuedToken(find(id).orElseThrow(), "frs_" + id.value() + "_" + secret);
    }

    @Transactional
    public ApiToken revoke(Actor actor, TokenId id) {
        ApiToken token = find(id).orElse(null);
        if (token == null || !actor.may(Permission.TOKENS_MANAGE, token.institutionId())) {
            audit.recordDenied(actor, "token.revoke", "api_token", id.value(), token == null ? null : token.institutionId(),
                    token == null ? "no such token" : "other tenant or no permission");
            if (token != null && actor.may(Permission.TOKENS_READ, token.institutionId())) {
                throw new AccessRefusedException("revoking tokens needs the TOKENS_MANAGE permission");
            }
            throw new NotFoundException("token", id.value());
        }
        if (token.revokedAt() != null) {
            return token;
        }
        jdbc.sql("update api_token set revoked_at = :now, revoked_by = :by where id = :id")
                .param("now", Timestamp.from(clock.instant())).param("by", actor.auditName()).param("id", id.value()).update();
        audit.record(actor, AuditEntry.success("token.revoked", "api_token", id.value(), token.institutionId())
                .with("name", token.name()));
        return find(id).orElseThrow();
    }

    /**
     * Authenticates a presented token. Every use is recorded in the audit trail; so is every failed attempt
     * that names an existing token id (a guessed or revoked secret).
     */
    public Optional<Actor.Token> authenticate(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(presented.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        TokenId id = new TokenId(m.group(1));
        Row row = jdbc.sql("""
                select t.*, i.kind from api_token t join institution i on i.id = t.institution_id where t.id = :id
                """).param("id", id.value()).query((rs, n) -> new Row(map(rs, n), rs.getBytes("secret_hash"),
                InstitutionKind.valueOf(rs.getString("kind")))).optional().orElse(null);
        if (row == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Actor.Token actor = new Actor.Token(id, row.token().name(), row.token().institutionId(), row.kind(),
                row.token().scopes());
        if (!MessageDigest.isEqual(sha256(m.group(2)), row.secretHash())) {
            audit.recordIndependently(actor, new AuditEntry("token.rejected", "api_token", id.value(),
                    row.token().institutionId(), AuditOutcome.FAILURE, null).with("reason", "wrong secret"));
            return Optional.empty();
        }
        if (!row.token().activeAt(now)) {
            audit.recordIndependently(actor, new AuditEntry("token.rejected", "api_token", id.value(),
                    row.token().institutionId(), AuditOutcome.DENIED, null)
                    .with("reason", row.token().revokedAt() != null ? "revoked" : "expired"));
            return Optional.empty();
        }
        jdbc.sql("update api_token set last_used_at = :now where id = :id")
                .param("now", Timestamp.from(now)).param("id", id.value()).update();
        audit.recordIndependently(actor, AuditEntry.success("token.used", "api_token", id.value(), row.token().institutionId()));
        return Optional.of(actor);
    }

    public long countActive() {
        return jdbc.sql("select count(*) from api_token where revoked_at is null and expires_at > :now")
                .param("now", Timestamp.from(clock.instant())).query(Long.class).single();
    }

    private static String randomBase32(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE32[RANDOM.nextInt(32)];
        }
        return new String(out);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApiToken map(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("scopes");
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (Object code : (Object[]) array.getArray()) {
            scopes.add(TokenScope.fromCode((String) code));
        }
        Timestamp revoked = rs.getTimestamp("revoked_at");
        Timestamp used = rs.getTimestamp("last_used_at");
        return new ApiToken(new TokenId(rs.getString("id")), new InstitutionId(rs.getString("institution_id")),
                rs.getString("name"), scopes, rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), revoked == null ? null : revoked.toInstant(),
                used == null ? null : used.toInstant());
    }

    private record Row(ApiToken token, byte[] secretHash, InstitutionKind kind) {
    }
}
