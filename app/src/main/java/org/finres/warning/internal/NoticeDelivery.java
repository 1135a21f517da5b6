package org.finres.warning.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.finres.stix.Tlp;
import org.finres.warning.WarningProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the queued notices: a webhook POST signed by the hub, or an e-mail over the configured SMTP server. A
 * notice that fails is retried with back-off (30 s by default, doubling, at most an hour apart) until it has used its
 * attempts.
 * What a notice says depends on its TLP: never the indicators or the advice (members fetch those over TAXII or the
 * pages); for TLP:AMBER+STRICT and TLP:RED an e-mail does not even carry the title, only a link to sign in.
 */
@Component
public class NoticeDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeDelivery.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final WebhookSigner signer;
    private final ObjectProvider<JavaMailSender> mail;
    private final WarningProperties properties;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    NoticeDelivery(JdbcClient jdbc, TransactionTemplate transactions, WebhookSigner signer,
                   ObjectProvider<JavaMailSender> mail, WarningProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.signer = signer;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    private record Due(long id, UUID warning, String institution, String kind, String target, String notice,
                       String subject, int attempts, String title, String severity, String tlp, Instant issuedAt,
                       Instant escalateAt) {
    }

    /** Sends what is due now; returns how many were sent. */
    public int deliverDue() {
        Instant now = clock.instant();
        // Claimed by pushing their next attempt out, so that two hubs on one database never send one notice twice.
        List<Due> due = transactions.execute(status -> jdbc.sql("""
                update warning_delivery d set next_attempt_at = :lease
                from warning w
                where w.id = d.warning_id and d.id in (
                    select id from warning_delivery where status = 'pending' and next_attempt_at <= :now
                    order by next_attempt_at limit 50 for update skip locked)
                returning d.id, d.warning_id, d.institution_id, d.channel_kind, d.target, d.notice, d.subject_id,
                          d.attempts, w.title, w.severity, w.tlp, w.issued_at, w.escalate_at
                """).param("now", Timestamp.from(now)).param("lease", Timestamp.from(now.plus(Duration.ofMinutes(5))))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getTimestamp(12).toInstant(),
                        rs.getTimestamp(13).toInstant())).list());
        int sent = 0;
        for (Due d : due) {
            String error;
            try {
                error = switch (d.kind()) {
                    case "webhook" -> webhook(d);
                    case "email" -> email(d);
                    default -> "unknown channel kind " + d.kind();
                };
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            record(d, error);
            if (error == null) {
                sent++;
            }
        }
        return sent;
    }

    private void record(Due d, String error) {
        Instant now = clock.instant();
        if (error == null) {
            jdbc.sql("update warning_delivery set status = 'sent', attempts = attempts + 1, sent_at = :now, "
                    + "last_error = null where id = :id").param("now", Timestamp.from(now)).param("id", d.id()).update();
            return;
        }
        int attempts = d.attempts() + 1;
        boolean giveUp = attempts >= properties.maxAttempts();
        long backoff = Math.min(3600_000L, properties.retryBackoff().toMillis() << Math.min(attempts - 1, 16));
        jdbc.sql("""
                update warning_delivery set attempts = :a, last_error = :e, status = :s, next_attempt_at = :next
                where id = :id
                """).param("a", attempts).param("e", error.length() > 500 ? error.substring(0, 500) : error)
                .param("s", giveUp ? "failed" : "pending").param("next", Timestamp.from(now.plusMillis(backoff)))
                .param("id", d.id()).update();
        LOG.warn("Early-warning notice {} to {} {} failed (attempt {}{}): {}", d.id(), d.kind(), d.target(), attempts,
                giveUp ? ", given up" : "", error);
    }

    private String link(Due d) {
        String hub = properties.hubUrl().endsWith("/") ? properties.hubUrl() : properties.hubUrl() + "/";
        return hub + "warnings/" + d.warning();
    }

    private String webhook(Due d) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "finres.warning." + d.notice());
        body.put("delivery", d.id());
        body.put("institution", d.institution());
        if (d.subject() != null) {
            body.put("lateMember", d.subject());
        }
        ObjectNode w = body.putObject("warning");
        w.put("id", d.warning().toString());
        w.put("title", d.title());
        w.put("severity", d.severity());
        w.put("tlp", Tlp.ofLevel(d.tlp()).map(Tlp::markingName).orElse(d.tlp()));
        w.put("issuedAt", d.issuedAt().toString());
        w.put("acknowledgeBy", d.escalateAt().toString());
        w.put("url", link(d));
        w.put("taxiiCollection", "hub-warnings");
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.target())).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("User-Agent", "FinRes-Warnings/1")
                .header("X-FinRes-Event", "warning." + d.notice())
                .header("X-FinRes-Delivery", Long.toString(d.id()))
                .header("X-FinRes-Timestamp", timestamp)
                .header("X-FinRes-Signature", signer.sign(timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2 ? null : "the webhook answered HTTP " + r.statusCode();
        } catch (IOException e) {
            return "the webhook could not be reached: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String email(Due d) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return "no SMTP server is configured (set spring.mail.host)";
        }
        Tlp tlp = Tlp.ofLevel(d.tlp()).orElse(Tlp.RED);
        boolean restricted = tlp == Tlp.RED || tlp == Tlp.AMBER_STRICT;
        String what = switch (d.notice()) {
            case "issued" -> "Early warning";
            case "reminder" -> "Reminder: early warning not yet acknowledged";
            case "escalation" -> d.subject() == null ? "Escalated: early warning not acknowledged in time"
                    : "Escalated: " + d.subject() + " has not acknowledged an early warning";
            default -> "Early warning";
        };
        String subject = "[FinRes] " + what + " (" + d.severity().toUpperCase(Locale.ROOT) + ", "
                + tlp.markingName() + ")" + (restricted ? "" : ": " + d.title());
        String text = what + "\n\n"
                + (restricted ? "This warning is " + tlp.markingName() + ": its content is not sent by e-mail.\n"
                : "Title: " + d.title() + "\n")
                + "Severity: " + d.severity() + "\nIssued: " + d.issuedAt() + "\nAcknowledge by: " + d.escalateAt()
                + "\n\nRead and acknowledge it on the hub: " + link(d) + "\n";
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(d.target());
            helper.setSubject(subject);
            helper.setText(text);
            message.setHeader("X-FinRes-Delivery", Long.toString(d.id()));
            sender.send(message);
            return null;
        } catch (MessagingException | MailException e) {
            return "the e-mail could not be sent: " + e.getMessage();
        }
    }
}
