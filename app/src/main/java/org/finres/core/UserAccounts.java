package org.finres.core;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users: management limited by role and tenant, password login with lockout, and per-user preferences.
 * Passwords are hashed with Argon2id; a hash is computed even for unknown usernames so that response
 * times do not reveal which usernames exist.
 */
@Service
public class UserAccounts {

    public static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Institutions institutions;
    private final PasswordEncoder passwords;
    private final SecurityProperties policy;
    private final Clock clock;
    private final String dummyHash;

    public UserAccounts(JdbcClient jdbc, AuditTrail audit, Institutions institutions, PasswordEncoder passwords,
                        SecurityProperties policy, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.institutions = institutions;
        this.passwords = passwords;
        this.policy = policy;
        this.clock = clock;
        this.dummyHash = passwords.encode("timing-equaliser-" + RANDOM.nextLong());
    }

    /** A new user. {@code password} may be null: one is generated and returned once. */
    public record Draft(InstitutionId institutionId, String username, String displayName, String email, Role role,
                        Locale locale, String password) {
        public Draft {
            if (institutionId == null) {
                throw new InvalidInputException("institutionId", "is required", "required");
            }
            if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{2,63}")) {
                throw new InvalidInputException("username", "must be 3-64 lower-case letters, digits, '.', '_' or '-', "
                        + "starting with a letter or digit (was '" + InvalidInputException.preview(username) + "')", "username.shape");
            }
            displayName = PlainText.name("displayName", displayName, 200);
            email = PlainText.optionalEmail("email", email);
            if (role == null) {
                throw new InvalidInputException("role", "is required", "required");
            }
            locale = supportedLocale(locale);
        }
    }

    /** Changes to an existing user; null fields stay as they are. */
    public record Changes(String displayName, String email, Role role, Boolean enabled, Locale locale) {
        public Changes {
            displayName = displayName == null ? null : PlainText.name("displayName", displayName, 200);
            email = email == null ? null : PlainText.optionalEmail("email", email);
            locale = locale == null ? null : supportedLocale(locale);
        }
    }

    public record Created(UserAccount user, String initialPassword) {
    }

    public static Locale supportedLocale(Locale locale) {
        if (locale == null) {
            return ZH_TW;
        }
        String tag = locale.toLanguageTag();
        if (tag.equals("en") || tag.startsWith("en-")) {
            return Locale.ENGLISH;
        }
        if (tag.equals("zh-TW") || tag.equals("zh-Hant") || tag.startsWith("zh-Hant") || tag.equals("zh")) {
            return ZH_TW;
        }
        throw new InvalidInputException("locale", "must be zh-TW or en (was '" + InvalidInputException.preview(tag) + "')", "locale.unsupported");
    }

    public List<UserAccount> list(Actor actor, InstitutionId tenant) {
        InstitutionId scope = tenant != null ? tenant : actor.institutionId();
        if (tenant == null && actor.grants().get(Permission.USERS_READ) == Permission.Reach.ALL) {
            audit.recordRead(actor, "user", null, null);
            return jdbc.sql("select * from app_user order by institution_id, username").query(UserAccounts::map).list();
        }
        if (!actor.may(Permission.USERS_READ, scope)) {
            audit.recordDenied(actor, "user.list", "user", null, scope, "other tenant or no permission");
            throw actor.knowsOf(scope) ? new AccessRefusedException("listing users needs the USERS_READ permission")
                    : new NotFoundException("institution", scope.value());
        }
        audit.recordRead(actor, "user", null, scope);
        return jdbc.sql("select * from app_user where institution_id = :tenant order by username")
                .param("tenant", scope.value()).query(UserAccounts::map).list();
    }

    public UserAccount get(Actor actor, UserId id) {
        UserAccount user = find(id).orElse(null);
        boolean self = actor instanceof Actor.User u && u.id().equals(id);
        if (user == null || !(self || actor.may(Permission.USERS_READ, user.institutionId()))) {
            audit.recordDenied(actor, "user.read", "user", id.toString(),
                    user == null ? null : user.institutionId(), user == null ? "no such user" : "other tenant or no permission");
            throw new NotFoundException("user", id.toString());
        }
        if (!self) {
            audit.recordRead(actor, "user", id.toString(), user.institutionId());
        }
        return user;
    }

    public Optional<UserAccount> find(UserId id) {
        return jdbc.sql("select * from app_user where id = :id").param("id", id.value()).query(UserAccounts::map).optional();
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select * from app_user where username = :u").param("u", username).query(UserAccounts::map).optional();
    }

    @Transactional
    public Created create(Actor actor, Draft draft) {
        requireManage(actor, draft.institutionId(), "user.create", null);
        Institution tenant = institutions.find(draft.institutionId())
                .orElseThrow(() -> new NotFoundException("institution", draft.institutionId().value()));
        if (!Role.allowedFor(tenant.kind()).contains(draft.role())) {
            throw new InvalidInputException("role", "'" + draft.role().code() + "' is not a role for a "
                    + tenant.kind().name().toLowerCase().replace('_', '-') + " tenant; allowed: "
                    + Role.allowedFor(tenant.kind()).stream().map(Role::code).sorted().toList(), "role.notForTenant", draft.role().code());
        }
        String password = draft.password();
        String generated = null;
        if (password == null || password.isEmpty()) {
            generated = generatePassword();
            password = generated;
        } else {
            checkPasswordPolicy(password);
        }
        UserId id = UserId.random();
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                    insert into app_user (id, institution_id, username, display_name, email, role, password_hash, locale,
                                          created_at, updated_at)
                    values (:id, :tenant, :username, :displayName, :email, :role, :hash, :locale, :now, :now)
                    """)
                    .param("id", id.value()).param("tenant", draft.institutionId().value())
                    .param("username", draft.username()).param("displayName", draft.displayName())
                    .param("email", draft.email()).param("role", draft.role().name())
                    .param("hash", passwords.encode(password)).param("locale", draft.locale().toLanguageTag())
                    .param("now", Timestamp.from(now)).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("username '" + draft.username() + "' is taken");
        }
        audit.record(actor, AuditEntry.success("user.created", "user", id.toString(), draft.institutionId())
                .with("username", draft.username()).with("role", draft.role().code()));
        return new Created(find(id).orElseThrow(), generated);
    }

    @Transactional
    public UserAccount update(Actor actor, UserId id, Changes changes) {
        UserAccount user = requireManage(actor, null, "user.update", id);
        if (changes.role() != null) {
            Institution tenant = institutions.find(user.institutionId()).orElseThrow();
            if (!Role.allowedFor(tenant.kind()).contains(changes.role())) {
                throw new InvalidInputException("role", "'" + changes.role().code() + "' is not a role for this tenant", "role.notForTenant", changes.role().code());
            }
            if (actor instanceof Actor.User u && u.id().equals(id) && changes.role() != user.role()) {
                throw new InvalidInputException("role", "you cannot change your own role", "role.ownChange");
            }
        }
        if (Boolean.FALSE.equals(changes.enabled()) && actor instanceof Actor.User u && u.id().equals(id)) {
            throw new InvalidInputException("enabled", "you cannot disable your own account", "enabled.self");
        }
        jdbc.sql("""
                update app_user set display_name = coalesce(:displayName, display_name),
                    email = case when :emailSet then :email else email end,
                    role = coalesce(:role, role), enabled = coalesce(:enabled, enabled),
                    locale = coalesce(:locale, locale), updated_at = :now
                where id = :id
                """)
                .param("displayName", changes.displayName()).param("emailSet", changes.email() != null)
                .param("email", changes.email()).param("role", changes.role() == null ? null : changes.role().name())
                .param("enabled", changes.enabled())
                .param("locale", changes.locale() == null ? null : changes.locale().toLanguageTag())
                .param("now", Timestamp.from(clock.instant())).param("id", id.value()).update();
        AuditEntry entry = AuditEntry.success("user.updated", "user", id.toString(), user.institutionId())
                .with("username", user.username());
        if (changes.role() != null) entry = entry.with("role", changes.role().code());
        if (changes.enabled() != null) entry = entry.with("enabled", changes.enabled().toString());
        audit.record(actor, entry);
        return find(id).orElseThrow();
    }

    @Transactional
    public void delete(Actor actor, UserId id) {
        UserAccount user = requireManage(actor, null, "user.delete", id);
        if (actor instanceof Actor.User u && u.id().equals(id)) {
            throw new ConflictException("you cannot delete your own account");
        }
        jdbc.sql("delete from app_user where id = :id").param("id", id.value()).update();
        audit.record(actor, AuditEntry.success("user.deleted", "user", id.toString(), user.institutionId())
                .with("username", user.username()));
    }

    /** Sets a new generated password and lifts any lock; the password is returned once. */
    @Transactional
    public String resetPassword(Actor actor, UserId id) {
        UserAccount user = requireManage(actor, null, "user.password_reset", id);
        String password = generatePassword();
        jdbc.sql("update app_user set password_hash = :hash, failed_attempts = 0, locked_until = null, updated_at = :now where id = :id")
                .param("hash", passwords.encode(password)).param("now", Timestamp.from(clock.instant()))
                .param("id", id.value()).update();
        audit.record(actor, AuditEntry.success("user.password_reset", "user", id.toString(), user.institutionId())
                .with("username", user.username()));
        return password;
    }

    /** A user changes their own password, proving the current one. */
    @Transactional
    public void changeOwnPassword(Actor.User actor, String current, String replacement) {
        String hash = jdbc.sql("select password_hash from app_user where id = :id").param("id", actor.id().value())
                .query(String.class).single();
        if (current == null || !passwords.matches(current, hash)) {
            audit.recordIndependently(actor, new AuditEntry("user.password_changed", "user", actor.id().toString(),
                    actor.institutionId(), AuditOutcome.FAILURE, null).with("reason", "current password wrong"));
            throw new InvalidInputException("currentPassword", "is not your current password", "currentPassword.wrong");
        }
        checkPasswordPolicy(replacement);
        jdbc.sql("update app_user set password_hash = :hash, updated_at = :now where id = :id")
                .param("hash", passwords.encode(replacement)).param("now", Timestamp.from(clock.instant()))
                .param("id", actor.id().value()).update();
        audit.record(actor, AuditEntry.success("user.password_changed", "user", actor.id().toString(), actor.institutionId()));
    }

    /** Remembers the user's language; the UI uses it from the next request on. */
    @Transactional
    public void setOwnLocale(Actor.User actor, Locale locale) {
        Locale supported = supportedLocale(locale);
        jdbc.sql("update app_user set locale = :locale, updated_at = :now where id = :id")
                .param("locale", supported.toLanguageTag()).param("now", Timestamp.from(clock.instant()))
                .param("id", actor.id().value()).update();
        audit.record(actor, AuditEntry.success("user.locale_changed", "user", actor.id().toString(), actor.institutionId())
                .with("locale", supported.toLanguageTag()));
    }

    /**
     * Checks a password login. Failures count towards the lockout and are recorded in the audit trail in their
     * own transaction, so a failed login is never lost with a rolled-back request.
     */
    public LoginResult login(String username, String password) {
        Credentials c = username == null ? null : jdbc.sql("""
                select u.id, u.username, u.institution_id, i.kind, u.role, u.password_hash, u.enabled,
                       u.failed_attempts, u.locked_until, u.locale
                from app_user u join institution i on i.id = u.institution_id where u.username = :u
                """).param("u", username).query((rs, n) -> new Credentials(
                new UserId((java.util.UUID) rs.getObject("id")), rs.getString("username"),
                new InstitutionId(rs.getString("institution_id")), InstitutionKind.valueOf(rs.getString("kind")),
                Role.valueOf(rs.getString("role")), rs.getString("password_hash"), rs.getBoolean("enabled"),
                rs.getInt("failed_attempts"),
                rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant(),
                Locale.forLanguageTag(rs.getString("locale")))).optional().orElse(null);
        Instant now = clock.instant();
        Actor.SystemProcess login = new Actor.SystemProcess("login");
        if (c == null) {
            passwords.matches(password == null ? "" : password, dummyHash);
            audit.recordIndependently(login, new AuditEntry("login.failed", "user", null, null, AuditOutcome.FAILURE, null)
                    .with("username", InvalidInputException.preview(username)).with("reason", "unknown user"));
            return new LoginResult.Rejected();
        }
        Actor.User actor = new Actor.User(c.id(), c.username(), c.institutionId(), c.kind(), c.role());
        if (c.lockedUntil() != null && c.lockedUntil().isAfter(now)) {
            audit.recordIndependently(actor, new AuditEntry("login.failed", "user", c.id().toString(), c.institutionId(),
                    AuditOutcome.DENIED, null).with("reason", "account locked").with("lockedUntil", c.lockedUntil().toString()));
            return new LoginResult.Locked(c.lockedUntil());
        }
        boolean matches = password != null && passwords.matches(password, c.passwordHash());
        if (!matches) {
            int attempts = c.failedAttempts() + 1;
            Instant lockUntil = attempts >= policy.maxFailedLogins() ? now.plus(policy.lockout()) : null;
            jdbc.sql("update app_user set failed_attempts = :n, locked_until = :until where id = :id")
                    .param("n", lockUntil == null ? attempts : 0)
                    .param("until", lockUntil == null ? null : Timestamp.from(lockUntil))
                    .param("id", c.id().value()).update();
            AuditEntry entry = new AuditEntry("login.failed", "user", c.id().toString(), c.institutionId(),
                    AuditOutcome.FAILURE, null).with("reason", "wrong password").with("attempt", Integer.toString(attempts));
            if (lockUntil != null) {
                entry = entry.with("lockedUntil", lockUntil.toString());
            }
            audit.recordIndependently(actor, entry);
            return lockUntil == null ? new LoginResult.Rejected() : new LoginResult.Locked(lockUntil);
        }
        if (!c.enabled()) {
            audit.recordIndependently(actor, new AuditEntry("login.failed", "user", c.id().toString(), c.institutionId(),
                    AuditOutcome.DENIED, null).with("reason", "account disabled"));
            return new LoginResult.Disabled();
        }
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null, last_login_at = :now where id = :id")
                .param("now", Timestamp.from(now)).param("id", c.id().value()).update();
        audit.recordIndependently(actor, AuditEntry.success("login.succeeded", "user", c.id().toString(), c.institutionId()));
        return new LoginResult.Succeeded(actor, c.locale());
    }

    /** Creates the first users of a tenant during seeding, with a generated password returned once. */
    @Transactional
    public Created seed(Actor.SystemProcess actor, Draft draft) {
        return create(actor, draft);
    }

    public long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    /** Users of one tenant; a count reveals no personal data, so it is not an audited read. */
    public long countIn(InstitutionId tenant) {
        return jdbc.sql("select count(*) from app_user where institution_id = :t").param("t", tenant.value())
                .query(Long.class).single();
    }

    private UserAccount requireManage(Actor actor, InstitutionId tenant, String action, UserId id) {
        UserAccount user = null;
        if (id != null) {
            user = find(id).orElse(null);
            tenant = user == null ? null : user.institutionId();
        }
        if (tenant == null || !actor.may(Permission.USERS_MANAGE, tenant)) {
            audit.recordDenied(actor, action, "user", id == null ? null : id.toString(), tenant,
                    tenant == null ? "no such user" : "other tenant or no permission");
            if (tenant != null && actor.may(Permission.USERS_READ, tenant) || id == null && actor.knowsOf(tenant)) {
                throw new AccessRefusedException("managing users needs the USERS_MANAGE permission");
            }
            throw id != null ? new NotFoundException("user", id.toString())
                    : new NotFoundException("institution", tenant == null ? "?" : tenant.value());
        }
        return user;
    }

    private void checkPasswordPolicy(String password) {
        if (password == null || password.codePointCount(0, password.length()) < policy.minPasswordLength()) {
            throw new InvalidInputException("password", "must have at least " + policy.minPasswordLength() + " characters", "password.short", policy.minPasswordLength());
        }
        if (password.length() > 256) {
            throw new InvalidInputException("password", "must have at most 256 characters", "password.long");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("password", "must not contain control characters", "password.control");
        }
    }

    static String generatePassword() {
        StringBuilder s = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                s.append('-');
            }
            s.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return s.toString();
    }

    static UserAccount map(ResultSet rs, int row) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        Timestamp last = rs.getTimestamp("last_login_at");
        return new UserAccount(new UserId((java.util.UUID) rs.getObject("id")),
                new InstitutionId(rs.getString("institution_id")), rs.getString("username"),
                rs.getString("display_name"), rs.getString("email"), Role.valueOf(rs.getString("role")),
                Locale.forLanguageTag(rs.getString("locale")), rs.getBoolean("enabled"),
                locked == null ? null : locked.toInstant(), last == null ? null : last.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }

    private record Credentials(UserId id, String username, InstitutionId institutionId, InstitutionKind kind, Role role,
                               String passwordHash, boolean enabled, int failedAttempts, Instant lockedUntil,
                               Locale locale) {
    }
}
