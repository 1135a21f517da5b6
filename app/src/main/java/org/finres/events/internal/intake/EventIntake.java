package org.finres.events.internal.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.finres.core.Institution;
import org.finres.core.InstitutionId;
import org.finres.core.Institutions;
import org.finres.events.AccountChange;
import org.finres.events.Authentication;
import org.finres.events.BaseAttributes;
import org.finres.events.CommittedEvent;
import org.finres.events.CommittedEventSink;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.DnsActivity;
import org.finres.events.EventDecoder;
import org.finres.events.EventDecoders;
import org.finres.events.FormatSniffer;
import org.finres.events.HttpActivity;
import org.finres.events.InputFormat;
import org.finres.events.NetworkActivity;
import org.finres.events.NetworkEndpoint;
import org.finres.events.Observable;
import org.finres.events.OcsfEvent;
import org.finres.events.OcsfJson;
import org.finres.events.User;
import org.finres.events.internal.completeness.SourceTracker;
import org.finres.events.internal.grading.Grade;
import org.finres.events.internal.grading.GradingInput;
import org.finres.events.internal.grading.GradingPolicy;
import org.finres.events.internal.store.AppendResult;
import org.finres.events.internal.store.DeadLetterStore;
import org.finres.events.internal.store.EventStore;
import org.finres.events.internal.store.StoredEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one intake every transport uses: decode each record, grade each event, and commit the events, the dead
 * letters for what could not be decoded and the source counters in one transaction. It returns only after the
 * commit, so whatever a transport acknowledges on the strength of the result is durable.
 */
@Component
public class EventIntake {

    private static final int REJECTIONS_REPORTED = 50;

    private final EventStore store;
    private final DeadLetterStore deadLetters;
    private final SourceTracker sources;
    private final GradingPolicy grading;
    private final Institutions institutions;
    private final IntakeProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Counter storedCounter;
    private final Counter duplicateCounter;
    private final Counter rejectedCounter;
    private final List<CommittedEventSink> sinks;

    public EventIntake(EventStore store, DeadLetterStore deadLetters, SourceTracker sources, GradingPolicy grading,
                       Institutions institutions, IntakeProperties properties, PlatformTransactionManager transactions,
                       Clock clock, MeterRegistry meters, ObjectProvider<CommittedEventSink> sinks) {
        this.sinks = sinks == null ? List.of() : sinks.orderedStream().toList();
        this.store = store;
        this.deadLetters = deadLetters;
        this.sources = sources;
        this.grading = grading;
        this.institutions = institutions;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.storedCounter = meters.counter("finres.events.stored");
        this.duplicateCounter = meters.counter("finres.events.duplicates");
        this.rejectedCounter = meters.counter("finres.events.rejected");
    }

    /** Decodes, grades and stores one batch from one institution; returns after the commit. */
    public IntakeResult accept(InstitutionId institution, String transport, List<IntakeRecord> records) {
        Instant receivedAt = clock.instant();
        Institution sender = institutions.find(institution)
                .orElseThrow(() -> new IllegalArgumentException("unknown institution " + institution));
        DecodeContext context = DecodeContext.of(institution, receivedAt).keepingRaw(properties.keepRaw());
        List<StoredEvent> events = new ArrayList<>();
        List<InputFormat> formats = new ArrayList<>();
        List<PendingDeadLetter> undecodable = new ArrayList<>();
        for (int index = 0; index < records.size(); index++) {
            IntakeRecord record = records.get(index);
            InputFormat format = record.format() != null ? record.format() : FormatSniffer.sniff(record.bytes());
            EventDecoder decoder = EventDecoders.forFormat(format);
            switch (decoder.decode(record.bytes(), context)) {
                case Decoding.Decoded decoded -> {
                    int part = 0;
                    for (OcsfEvent event : decoded.events()) {
                        events.add(toStored(sender, transport, format, record.bytes(), part++, event, receivedAt));
                        formats.add(format);
                    }
                    for (Decoding.Undecodable rejected : decoded.rejected()) {
                        undecodable.add(new PendingDeadLetter(index, format, rejected.reason(), record.bytes()));
                    }
                }
                case Decoding.Undecodable rejected ->
                        undecodable.add(new PendingDeadLetter(index, format, rejected.reason(), record.bytes()));
            }
        }
        AppendResult[] appendedHolder = new AppendResult[1];
        IntakeResult result = transaction.execute(status -> {
            List<IntakeResult.Rejection> rejections = new ArrayList<>();
            for (PendingDeadLetter letter : undecodable) {
                long id = deadLetters.add(institution, receivedAt, transport, letter.format().name(), letter.reason(),
                        letter.raw());
                if (rejections.size() < REJECTIONS_REPORTED) {
                    rejections.add(new IntakeResult.Rejection(letter.index(), letter.reason(), id));
                }
            }
            AppendResult appended = store.append(events);
            appendedHolder[0] = appended;
            sources.record(events);
            return new IntakeResult(appended.stored(), appended.duplicates(), undecodable.size(), rejections);
        });
        storedCounter.increment(result.accepted());
        duplicateCounter.increment(result.duplicates());
        rejectedCounter.increment(result.rejected());
        AppendResult appended = appendedHolder[0];
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            // Called inside a caller's transaction: the events are durable only when that one commits.
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            handOn(events, formats, appended);
                        }
                    });
        } else {
            handOn(events, formats, appended);
        }
        return result;
    }

    /** Gives the newly stored events to the detection stage (and any other sink) after the commit. */
    private void handOn(List<StoredEvent> events, List<InputFormat> formats, AppendResult appended) {
        if (sinks.isEmpty() || events.isEmpty() || appended == null || appended.stored() == 0) {
            return;
        }
        List<CommittedEvent> committed = new ArrayList<>(appended.stored());
        for (int i = 0; i < events.size(); i++) {
            StoredEvent e = events.get(i);
            if (appended.isNew(e.eventId())) {
                committed.add(new CommittedEvent(e.institution(), e.eventId(), e.eventTime(), e.receivedAt(),
                        e.classUid(), e.severityId(), formats.get(i), e.sourceName(), e.srcIp(), e.dstIp(),
                        e.userName(), e.deviceName(), e.observables(), e.ocsfJson(), e.raw()));
            }
        }
        List<CommittedEvent> batch = List.copyOf(committed);
        for (CommittedEventSink sink : sinks) {
            try {
                sink.accept(batch);
            } catch (RuntimeException e) {
                // The events are durable; a sink that fails finds them again in the store.
                org.slf4j.LoggerFactory.getLogger(EventIntake.class).warn("event sink {} failed: {}", sink, e.toString());
            }
        }
    }

    /** Keeps input that could not even be split into records (a broken JSON array) whole, with the reason. */
    public long deadLetter(InstitutionId institution, String transport, String reason, byte[] raw) {
        rejectedCounter.increment();
        return deadLetters.add(institution, clock.instant(), transport, null, reason, raw);
    }

    private record PendingDeadLetter(int index, InputFormat format, String reason, byte[] raw) {
    }

    private StoredEvent toStored(Institution sender, String transport, InputFormat format, byte[] raw, int part,
                                 OcsfEvent event, Instant receivedAt) {
        BaseAttributes base = event.base();
        Instant time = base.time() == null ? receivedAt : Instant.ofEpochMilli(base.time());
        Grade grade = grading.grade(new GradingInput(event.categoryUid(), event.classUid(), event.activityId(),
                event.severity(), sender.kind(), sender.sizeTier()));
        NetworkEndpoint src = switch (event) {
            case NetworkActivity n -> n.srcEndpoint();
            case HttpActivity h -> h.srcEndpoint();
            case DnsActivity d -> d.srcEndpoint();
            case Authentication a -> a.srcEndpoint();
            case AccountChange a -> a.srcEndpoint();
            default -> null;
        };
        NetworkEndpoint dst = switch (event) {
            case NetworkActivity n -> n.dstEndpoint();
            case HttpActivity h -> h.dstEndpoint();
            case DnsActivity d -> d.dstEndpoint();
            case Authentication a -> a.dstEndpoint();
            default -> null;
        };
        User user = switch (event) {
            case Authentication a when a.user() != null -> a.user();
            case AccountChange a when a.user() != null -> a.user();
            default -> base.actor() == null ? null : base.actor().user();
        };
        Set<String> observables = new LinkedHashSet<>();
        for (Observable o : base.observables()) {
            if (o.value() != null && !o.value().isBlank() && observables.size() < 64) {
                observables.add(o.value().length() > 512 ? o.value().substring(0, 512) : o.value());
            }
        }
        String deviceName = base.device() == null ? null
                : base.device().hostname() != null ? base.device().hostname() : base.device().name();
        return new StoredEvent(eventId(sender.id(), base, raw, part), sender.id(), time, receivedAt, event.categoryUid(),
                event.classUid(), event.typeUid(), event.severity().id(), grade.priority(), grade.incidentLevel(),
                transport + "/" + format.name().toLowerCase(java.util.Locale.ROOT), ip(src), ip(dst),
                user == null ? null : user.name(), deviceName, List.copyOf(observables), base.message(),
                OcsfJson.write(event), properties.keepRaw() ? raw : null);
    }

    /** Only what PostgreSQL's inet accepts reaches the typed column; the OCSF JSON keeps the source's text. */
    private static String ip(NetworkEndpoint endpoint) {
        if (endpoint == null || endpoint.ip() == null) {
            return null;
        }
        String ip = endpoint.ip().strip();
        return ip.matches("[0-9.]{7,15}|[0-9a-fA-F:.]{2,45}") && (ip.contains(".") ? validIpv4(ip) : ip.contains(":"))
                ? ip : null;
    }

    private static boolean validIpv4(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * Deterministic: the source's own event id when it gives one, else a name-based id of the raw record and the
     * event's position in it. A resent or redelivered record thus gets the same id and is stored once.
     */
    static UUID eventId(InstitutionId institution, BaseAttributes base, byte[] raw, int part) {
        String sourceUid = base.metadata() == null ? null : base.metadata().uid();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(institution.value().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            if (sourceUid != null && !sourceUid.isBlank()) {
                sha.update((byte) 'u');
                sha.update(sourceUid.getBytes(StandardCharsets.UTF_8));
            } else {
                sha.update((byte) 'r');
                sha.update(raw);
                sha.update(ByteBuffer.allocate(4).putInt(part).array());
            }
            byte[] hash = sha.digest();
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5 layout (name-based, SHA)
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(hash);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
