package org.finres.warning.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.attack.NamedTechnique;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.stix.Tlp;
import org.finres.stix.attack.TechniqueId;
import org.finres.warning.Audience;
import org.finres.warning.ChannelKind;
import org.finres.warning.Delivery;
import org.finres.warning.EarlyWarnings;
import org.finres.warning.ExposureCriteria;
import org.finres.warning.ExposureItem;
import org.finres.warning.ExposureKind;
import org.finres.warning.ExposureProfiles;
import org.finres.warning.NotificationChannel;
import org.finres.warning.NotificationChannels;
import org.finres.warning.WarningDetail;
import org.finres.warning.WarningDraft;
import org.finres.warning.WarningIndicator;
import org.finres.warning.WarningRecipient;
import org.finres.warning.WarningSeverity;
import org.finres.warning.WarningSummary;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Early warnings, members' declared exposure and their notification channels. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Early warnings", description = "Warnings and protection advice from the hub, acknowledgements, exposure "
        + "profiles and notification channels")
class WarningsApi {

    private final EarlyWarnings warnings;
    private final ExposureProfiles exposure;
    private final NotificationChannels channels;

    WarningsApi(EarlyWarnings warnings, ExposureProfiles exposure, NotificationChannels channels) {
        this.warnings = warnings;
        this.exposure = exposure;
        this.channels = channels;
    }

    /** A warning as the API takes it; {@code indicators} as "type,value" or bare values. */
    record DraftBody(String title, String description, String advice, String severity, String tlp, String audience,
                     ExposureCriteria criteria, List<String> indicators, List<String> techniques,
                     String acknowledgeWithin) {

        WarningDraft toDraft() {
            List<WarningIndicator> parsed = new ArrayList<>();
            for (String line : indicators == null ? List.<String>of() : indicators) {
                if (line != null && !line.isBlank()) {
                    parsed.add(WarningIndicator.parse(line));
                }
            }
            return new WarningDraft(title, description, advice, severity == null ? null : WarningSeverity.fromCode(severity),
                    tlp == null ? null : tlpOf(tlp), audience == null ? null : Audience.fromCode(audience), criteria,
                    parsed, techniquesOf(techniques), durationOf(acknowledgeWithin));
        }
    }

    static Tlp tlpOf(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT).replace("tlp:", "");
        return Tlp.ofLevel(t).orElseThrow(() -> new InvalidInputException("tlp",
                "must be clear, green, amber, amber+strict or red, not '" + InvalidInputException.preview(text) + "'"));
    }

    static List<TechniqueId> techniquesOf(List<String> ids) {
        List<TechniqueId> out = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            if (id == null || id.isBlank()) {
                continue;
            }
            if (!TechniqueId.isValid(id)) {
                throw new InvalidInputException("techniques", "'" + InvalidInputException.preview(id)
                        + "' is not an ATT&CK technique id (T plus 4 digits, optionally .NNN)");
            }
            out.add(TechniqueId.of(id));
        }
        return out.stream().distinct().toList();
    }

    static Duration durationOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("acknowledgeWithin", "'" + InvalidInputException.preview(text)
                    + "' is not an ISO-8601 duration such as PT24H");
        }
    }

    record RecipientView(String institution, List<String> matchedBy, Instant acknowledgedAt, String acknowledgedBy,
                         Instant remindedAt, Instant escalatedAt) {
        static RecipientView of(WarningRecipient r) {
            return r == null ? null : new RecipientView(r.institution().value(), r.matchedBy(), r.acknowledgedAt(),
                    r.acknowledgedBy(), r.remindedAt(), r.escalatedAt());
        }
    }

    record SummaryView(UUID id, String title, String severity, String tlp, String audience, Instant issuedAt,
                       String issuedBy, Instant acknowledgeBy, int recipients, int acknowledged, int escalated,
                       RecipientView own) {
        static SummaryView of(WarningSummary s) {
            return new SummaryView(s.id(), s.title(), s.severity().code(), s.tlp().markingName(), s.audience().code(),
                    s.issuedAt(), s.issuedBy(), s.acknowledgeBy(), s.recipients(), s.acknowledged(), s.escalated(),
                    RecipientView.of(s.own()));
        }
    }

    record TechniqueView(String id, String name, String url) {
    }

    record DetailView(SummaryView warning, String description, String advice, List<WarningIndicator> indicators,
                      List<TechniqueView> techniques, ExposureCriteria criteria, List<RecipientView> recipients,
                      String stixReport) {
        static DetailView of(WarningDetail d) {
            List<TechniqueView> techniques = d.techniques().stream().map(t -> {
                NamedTechnique n = d.named().get(t);
                return new TechniqueView(t.value(), n == null ? null : n.displayName(), n == null ? null : n.url());
            }).toList();
            return new DetailView(SummaryView.of(d.summary()), d.description(), d.advice(), d.indicators(), techniques,
                    d.summary().own() == null ? d.criteria() : null,
                    d.recipients().stream().map(RecipientView::of).toList(), d.reportStixId());
        }
    }

    @PostMapping("/warnings")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a warning to every member (audience all) or to the members whose declared exposure "
            + "matches its criteria (audience exposed); published to the hub-warnings TAXII collection. Hub only.")
    DetailView issue(@RequestBody DraftBody body) {
        return DetailView.of(warnings.issue(CurrentActor.get(), body.toDraft()));
    }

    @PostMapping("/warnings/preview")
    @Operation(summary = "Who a warning would go to, and why, without issuing it. Hub only.")
    List<RecipientView> preview(@RequestBody DraftBody body) {
        return warnings.preview(CurrentActor.get(), body.toDraft()).stream().map(RecipientView::of).toList();
    }

    @GetMapping("/warnings")
    @Operation(summary = "Warnings, newest first: every one for the hub, those it received for a member.")
    List<SummaryView> list(@RequestParam(defaultValue = "100") int limit) {
        return warnings.list(CurrentActor.get(), limit).stream().map(SummaryView::of).toList();
    }

    @GetMapping("/warnings/{id}")
    DetailView get(@PathVariable String id) {
        return DetailView.of(warnings.get(CurrentActor.get(), uuid(id)));
    }

    @PostMapping("/warnings/{id}/acknowledge")
    @Operation(summary = "Acknowledge a warning for the caller's institution (a second call keeps the first time).")
    DetailView acknowledge(@PathVariable String id) {
        return DetailView.of(warnings.acknowledge(CurrentActor.get(), uuid(id)));
    }

    record DeliveryView(long id, String institution, String channel, String target, String notice,
                        String lateMember, String status, int attempts, String lastError, Instant createdAt,
                        Instant sentAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.institution().value(), d.channel().code(), d.target(), d.notice().name(),
                    d.subject() == null ? null : d.subject().value(), d.status().name(), d.attempts(), d.lastError(),
                    d.createdAt(), d.sentAt());
        }
    }

    @GetMapping("/warnings/{id}/deliveries")
    @Operation(summary = "The notices sent for a warning: all for the hub, the institution's own for a member.")
    List<DeliveryView> deliveries(@PathVariable String id) {
        UUID warning = uuid(id);
        warnings.get(CurrentActor.get(), warning); // 404 for a member it was not sent to
        return channels.deliveries(CurrentActor.get(), warning).stream().map(DeliveryView::of).toList();
    }

    record ChannelView(long id, String institution, String kind, String target, Instant createdAt, String createdBy) {
        static ChannelView of(NotificationChannel c) {
            return new ChannelView(c.id(), c.institution().value(), c.kind().code(), c.target(), c.createdAt(),
                    c.createdBy());
        }
    }

    record ExposureView(long id, String institution, String kind, String value, String note, Instant createdAt,
                        String createdBy) {
        static ExposureView of(ExposureItem i) {
            return new ExposureView(i.id(), i.institution().value(), i.kind().code(), i.value(), i.note(),
                    i.createdAt(), i.createdBy());
        }
    }

    @GetMapping("/warnings/webhook-key")
    @Operation(summary = "The hub's Ed25519 public key (X.509, base64) that verifies webhook notices: "
            + "X-FinRes-Signature is ed25519=base64(sign(X-FinRes-Timestamp + '.' + body)).")
    Map<String, String> webhookKey() {
        CurrentActor.get();
        return Map.of("algorithm", "Ed25519", "publicKey", channels.webhookPublicKey());
    }

    record ExposureBody(String institution, String kind, String value, String note) {
    }

    @GetMapping("/exposure")
    @Operation(summary = "Declared exposure: the institution's own, or (hub) any member's or every member's.")
    List<ExposureView> exposure(@RequestParam(required = false) String institution) {
        return exposure.items(CurrentActor.get(), institutionOf(institution)).stream().map(ExposureView::of).toList();
    }

    @PostMapping("/exposure")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Declare a product, supplier, address range or domain the institution runs or depends on.")
    ExposureView declare(@RequestBody ExposureBody body) {
        return ExposureView.of(exposure.add(CurrentActor.get(), institutionOf(body.institution()),
                body.kind() == null ? null : ExposureKind.fromCode(body.kind()), body.value(), body.note()));
    }

    @DeleteMapping("/exposure/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void undeclare(@PathVariable String id) {
        exposure.remove(CurrentActor.get(), number(id, "exposure item"));
    }

    record ChannelBody(String institution, String kind, String target) {
    }

    @GetMapping("/notification-channels")
    List<ChannelView> channels(@RequestParam(required = false) String institution) {
        return channels.list(CurrentActor.get(), institutionOf(institution)).stream().map(ChannelView::of).toList();
    }

    @PostMapping("/notification-channels")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a webhook URL or an e-mail address that receives the institution's warnings.")
    ChannelView addChannel(@RequestBody ChannelBody body) {
        return ChannelView.of(channels.add(CurrentActor.get(), institutionOf(body.institution()),
                body.kind() == null ? null : ChannelKind.fromCode(body.kind()), body.target()));
    }

    @DeleteMapping("/notification-channels/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeChannel(@PathVariable String id) {
        channels.remove(CurrentActor.get(), number(id, "notification channel"));
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("warning", id);
        }
    }

    private static long number(String id, String what) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException(what, id);
        }
    }

    private static InstitutionId institutionOf(String text) {
        return text == null || text.isBlank() ? null : InstitutionId.of(text.strip());
    }
}
