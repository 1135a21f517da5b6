package org.finres.warning;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.ConflictException;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.warning.internal.WebhookSigner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Where each institution's warnings, reminders and escalations are delivered, and what became of each notice. */
@Service
public class NotificationChannels {

    static final int MAX_CHANNELS = 10;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,255}\\.[^@\\s<>\"]{2,63}");

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final Clock clock;
    private final WebhookSigner signer;

    NotificationChannels(JdbcClient jdbc, TenantAccess access, AuditTrail audit, Clock clock, WebhookSigner signer) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.signer = signer;
    }

    /** The hub's public key (X.509, base64) that verifies the {@code X-FinRes-Signature} of webhook notices. */
    public String webhookPublicKey() {
        return signer.publicKeyBase64();
    }

    public List<NotificationChannel> list(Actor actor, InstitutionId institution) {
        InstitutionId scope = access.scope(actor, Permission.EXPOSURE_MANAGE, institution, "notification.channels.read",
                "notification_channel");
        return jdbc.sql("select * from notification_channel where (cast(:i as text) is null or institution_id = :i) "
                        + "order by institution_id, id")
                .param("i", scope == null ? null : scope.value())
                .query((rs, n) -> new NotificationChannel(rs.getLong("id"), InstitutionId.of(rs.getString("institution_id")),
                        ChannelKind.fromCode(rs.getString("kind")), rs.getString("target"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"))).list();
    }

    public NotificationChannel add(Actor actor, InstitutionId institution, ChannelKind kind, String target) {
        InstitutionId owner = institution == null ? actor.institutionId() : institution;
        access.check(actor, Permission.EXPOSURE_MANAGE, owner, "notification.channel.add", "notification_channel", null);
        if (kind == null) {
            throw new InvalidInputException("kind", "is required: webhook or email");
        }
        String t = target == null ? "" : target.strip();
        String problem = switch (kind) {
            case WEBHOOK -> webhookProblem(t);
            case EMAIL -> EMAIL.matcher(t).matches() ? null : "is not an e-mail address";
        };
        if (problem != null) {
            throw new InvalidInputException("target", kind.code() + " '" + InvalidInputException.preview(t) + "' "
                    + problem);
        }
        long count = jdbc.sql("select count(*) from notification_channel where institution_id = :i")
                .param("i", owner.value()).query(Long.class).single();
        if (count >= MAX_CHANNELS) {
            throw new InvalidInputException("target", "an institution has at most " + MAX_CHANNELS + " channels");
        }
        long id;
        try {
            id = jdbc.sql("""
                    insert into notification_channel (institution_id, kind, target, created_at, created_by)
                    values (:i, :k, :t, :at, :by) returning id
                    """).param("i", owner.value()).param("k", kind.code())
                    .param("t", kind == ChannelKind.EMAIL ? t.toLowerCase(Locale.ROOT) : t)
                    .param("at", Timestamp.from(clock.instant())).param("by", actor.auditName())
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new ConflictException(kind.code() + " " + t + " is already a channel");
        }
        audit.record(actor, AuditEntry.success("notification.channel.added", "notification_channel",
                Long.toString(id), owner).with("kind", kind.code()).with("target", t));
        return list(actor, owner).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    public void remove(Actor actor, long id) {
        List<String> owners = jdbc.sql("select institution_id from notification_channel where id = :id")
                .param("id", id).query(String.class).list();
        if (owners.isEmpty()) {
            throw new NotFoundException("notification channel", Long.toString(id));
        }
        InstitutionId owner = InstitutionId.of(owners.getFirst());
        access.check(actor, Permission.EXPOSURE_MANAGE, owner, "notification.channel.remove", "notification_channel",
                Long.toString(id));
        jdbc.sql("delete from notification_channel where id = :id").param("id", id).update();
        audit.record(actor, AuditEntry.success("notification.channel.removed", "notification_channel",
                Long.toString(id), owner));
    }

    /** The notices of one warning: every one for the hub, the institution's own for a member. */
    public List<Delivery> deliveries(Actor actor, UUID warning) {
        InstitutionId scope = access.scope(actor, Permission.INTEL_READ, null, "warning.deliveries.read",
                "warning_delivery");
        return jdbc.sql("""
                        select * from warning_delivery where warning_id = :w
                          and (cast(:i as text) is null or institution_id = :i) order by id
                        """).param("w", warning).param("i", scope == null ? null : scope.value())
                .query((rs, n) -> new Delivery(rs.getLong("id"), rs.getObject("warning_id", UUID.class),
                        InstitutionId.of(rs.getString("institution_id")),
                        ChannelKind.fromCode(rs.getString("channel_kind")), rs.getString("target"),
                        Delivery.Notice.valueOf(rs.getString("notice").toUpperCase(Locale.ROOT)),
                        rs.getString("subject_id") == null ? null : InstitutionId.of(rs.getString("subject_id")),
                        Delivery.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getInt("attempts"),
                        rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant())).list();
    }

    private static String webhookProblem(String t) {
        try {
            URI u = new URI(t);
            if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http"))) {
                return "must be an absolute https:// (or, for labs, http://) URL";
            }
            if (u.getHost() == null) {
                return "has no host";
            }
            if (u.getUserInfo() != null) {
                return "must not carry credentials; the hub signs each notice instead";
            }
            return t.length() > 2000 ? "is longer than 2000 characters" : null;
        } catch (URISyntaxException e) {
            return "is not a URL: " + e.getReason();
        }
    }
}
