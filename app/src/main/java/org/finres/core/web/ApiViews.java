package org.finres.core.web;

import java.time.Instant;
import java.util.List;

import org.finres.core.ApiToken;
import org.finres.core.ChainVerification;
import org.finres.core.Institution;
import org.finres.core.AuditRecord;
import org.finres.core.TokenScope;
import org.finres.core.UserAccount;

/** The JSON shapes of the core REST API. Requests use external codes ("bank", "hub-admin") for enums. */
final class ApiViews {

    private ApiViews() {
    }

    record InstitutionRequest(String id, String name, String kind, String sizeTier) {
    }

    record InstitutionUpdate(String name, String kind, String sizeTier) {
    }

    record InstitutionView(String id, String name, String kind, String sizeTier, Instant createdAt, Instant updatedAt) {
        static InstitutionView of(Institution i) {
            return new InstitutionView(i.id().value(), i.name(), i.kind().code(),
                    i.sizeTier() == null ? null : i.sizeTier().code(), i.createdAt(), i.updatedAt());
        }
    }

    record UserRequest(String institutionId, String username, String displayName, String email, String role,
                       String locale, String password) {
    }

    record UserUpdate(String displayName, String email, String role, Boolean enabled, String locale) {
    }

    record UserView(String id, String institutionId, String username, String displayName, String email, String role,
                    String locale, boolean enabled, Instant lockedUntil, Instant lastLoginAt, Instant createdAt) {
        static UserView of(UserAccount u) {
            return new UserView(u.id().toString(), u.institutionId().value(), u.username(), u.displayName(), u.email(),
                    u.role().code(), u.locale().toLanguageTag(), u.enabled(), u.lockedUntil(), u.lastLoginAt(),
                    u.createdAt());
        }
    }

    record CreatedUserView(UserView user, String initialPassword) {
    }

    record PasswordView(String password) {
    }

    record TokenRequest(String institutionId, String name, List<String> scopes, Integer validDays) {
    }

    record TokenView(String id, String institutionId, String name, List<String> scopes, String createdBy,
                     Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt, boolean active) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id().value(), t.institutionId().value(), t.name(),
                    t.scopes().stream().map(TokenScope::code).sorted().toList(), t.createdBy(), t.createdAt(),
                    t.expiresAt(), t.revokedAt(), t.lastUsedAt(), t.activeAt(Instant.now()));
        }
    }

    record IssuedTokenView(TokenView token, String secret, String note) {
    }

    record AuditRecordView(long seq, Instant recordedAt, String actor, String actorInstitution, String action,
                           String targetType, String targetId, String targetInstitution, String outcome,
                           String details, String remoteAddress, String hash) {
        static AuditRecordView of(AuditRecord r) {
            return new AuditRecordView(r.seq(), r.recordedAt(), r.actor(), r.actorInstitution(), r.action(),
                    r.targetType(), r.targetId(), r.targetInstitution(), r.outcome().name(), r.details(),
                    r.remoteAddress(), r.hash());
        }
    }

    record VerificationView(boolean intact, long recordsChecked, long headSeq, Long firstBrokenSeq, String problem) {
        static VerificationView of(ChainVerification v) {
            return new VerificationView(v.intact(), v.recordsChecked(), v.headSeq(), v.firstBrokenSeq(), v.problem());
        }
    }

    record MeView(String actor, String institutionId, String institutionName, String role, List<String> scopes,
                  List<String> permissions) {
    }
}
