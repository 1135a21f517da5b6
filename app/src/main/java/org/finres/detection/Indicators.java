package org.finres.detection;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.detection.internal.IndicatorMatching;
import org.finres.detection.internal.IndicatorStore;
import org.finres.detection.internal.indicator.IndicatorList;
import org.finres.detection.internal.indicator.IndicatorListParser;
import org.finres.detection.internal.indicator.IndicatorType;
import org.finres.detection.internal.indicator.LineError;
import org.finres.detection.internal.indicator.ListFormat;
import org.finres.detection.internal.indicator.ListedIndicator;
import org.finres.detection.internal.indicator.IndicatorValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The indicators every event is matched against: uploaded by the hub's analysts as CSV, JSON Lines or one value a
 * line, and those the intelligence module registers for shared STIX indicators ({@link #register}), retired when
 * no longer useful.
 */
@Service
public class Indicators {

    /** An indicator as the API and the pages show it. */
    public record IndicatorView(long id, String type, String value, String label, String source, boolean active,
                                java.time.Instant createdAt, String createdBy, long sightings) {
    }

    private final IndicatorStore store;
    private final IndicatorMatching matching;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    public Indicators(IndicatorStore store, IndicatorMatching matching, TenantAccess access, AuditTrail audit,
                      Clock clock) {
        this.store = store;
        this.matching = matching;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** Parses and stores a list; bad lines are reported with their number and reason, good ones are kept. */
    @Transactional
    public IndicatorUpload upload(Actor actor, String content, String format, String source) {
        access.requireAll(actor, Permission.INDICATORS_MANAGE, "indicators.upload", "indicator", null);
        if (content == null || content.isBlank()) {
            throw new InvalidInputException("body", "is empty: send CSV, JSON Lines or one value a line");
        }
        IndicatorList list = format == null || format.isBlank() ? IndicatorListParser.parse(content)
                : IndicatorListParser.parse(content, formatOf(format));
        List<IndicatorValue> values = new ArrayList<>(list.indicators().size());
        List<String> labels = new ArrayList<>(list.indicators().size());
        for (ListedIndicator l : list.indicators()) {
            values.add(l.value());
            labels.add(l.label());
        }
        String src = source == null || source.isBlank() ? "upload" : source.strip();
        if (src.length() > 200) {
            throw new InvalidInputException("source", "must be at most 200 characters");
        }
        IndicatorStore.Upserted done = store.upsert(values, labels, src, clock.instant(), actor.auditName());
        audit.record(actor, AuditEntry.success("indicators.upload", "indicator", null, null)
                .with("format", list.format().name().toLowerCase(java.util.Locale.ROOT))
                .with("added", Integer.toString(done.added())).with("reactivated", Integer.toString(done.reactivated()))
                .with("errors", Integer.toString(list.errorCount())));
        if (done.added() + done.reactivated() > 0) {
            reloadAfterCommit();
        }
        return new IndicatorUpload(list.format().name().toLowerCase(java.util.Locale.ROOT), done.added(),
                done.reactivated(), done.unchanged(), list.errors().stream().map(LineError::toString).toList(),
                list.unlistedErrors());
    }

    public List<IndicatorView> list(Actor actor, String type, String search, Long beforeId, int limit) {
        access.requireAll(actor, Permission.INDICATORS_READ, "indicators.list", "indicator", null);
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "must be between 1 and 500");
        }
        String t;
        try {
            t = type == null || type.isBlank() ? null : IndicatorType.fromCode(type.strip()).code();
        } catch (org.finres.detection.internal.indicator.IndicatorFormatException e) {
            throw new InvalidInputException("type", e.getMessage());
        }
        return store.page(t, search == null || search.isBlank() ? null : search.strip(), beforeId, limit).stream()
                .map(Indicators::view).toList();
    }

    @Transactional
    public void retire(Actor actor, long id) {
        access.requireAll(actor, Permission.INDICATORS_MANAGE, "indicators.retire", "indicator", Long.toString(id));
        if (!store.retire(id, clock.instant())) {
            throw new NotFoundException("indicator", Long.toString(id));
        }
        audit.record(actor, AuditEntry.success("indicators.retire", "indicator", Long.toString(id), null));
        reloadAfterCommit();
    }

    /** A value in the canonical form detection matches it in (type code and value as INDICATORS.md defines). */
    public record CanonicalValue(String type, String value) {
    }

    /** A value registered on another module's behalf: the row it is matched as. */
    public record Registered(long id, String type, String value) {
    }

    /**
     * The canonical form of a typed value, or a refusal naming what is wrong; nothing is stored. Lets the
     * intelligence module compare a STIX value with warning lists exactly as detection would match it.
     */
    public CanonicalValue canonical(String type, String value) {
        try {
            IndicatorValue v = IndicatorValue.parse(type, value);
            return new CanonicalValue(v.type().code(), v.value());
        } catch (org.finres.detection.internal.indicator.IndicatorFormatException e) {
            throw new InvalidInputException("value", e.getMessage());
        }
    }

    /**
     * Registers (or reactivates) one value for matching on the hub's own behalf, for indicators shared as STIX;
     * runs in the caller's transaction and the index sees it after commit. A value already listed keeps its row
     * and its source.
     */
    @Transactional
    public Registered register(Actor actor, String type, String value, String label, String source) {
        access.requireAll(actor, Permission.INDICATORS_MANAGE, "indicators.register", "indicator", null);
        CanonicalValue c = canonical(type, value);
        IndicatorValue v = IndicatorValue.parse(c.type(), c.value());
        if (source == null || source.isBlank() || source.length() > 200) {
            throw new InvalidInputException("source", "must be 1 to 200 characters");
        }
        IndicatorStore.Upserted done = store.upsert(List.of(v), java.util.Collections.singletonList(label),
                source.strip(), clock.instant(), actor.auditName());
        long id = store.idOf(c.type(), c.value());
        if (done.added() + done.reactivated() > 0) {
            audit.record(actor, AuditEntry.success("indicators.register", "indicator", Long.toString(id), null)
                    .with("source", source.strip()));
            reloadAfterCommit();
        }
        return new Registered(id, c.type(), c.value());
    }

    /**
     * Retires a row registered with {@link #register} once nothing needs it any more; a row whose source is not
     * {@code sourcePrefix...} (an analyst's upload of the same value) is left alone. True when it was retired.
     */
    @Transactional
    public boolean withdraw(Actor actor, long id, String sourcePrefix) {
        access.requireAll(actor, Permission.INDICATORS_MANAGE, "indicators.retire", "indicator", Long.toString(id));
        if (!store.retireFromSource(id, sourcePrefix, clock.instant())) {
            return false;
        }
        audit.record(actor, AuditEntry.success("indicators.retire", "indicator", Long.toString(id), null)
                .with("source", sourcePrefix));
        reloadAfterCommit();
        return true;
    }

    /** The index is rebuilt from the table, so only after the change is committed can it see it. */
    private void reloadAfterCommit() {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            matching.requestReload();
                        }
                    });
        } else {
            matching.requestReload();
        }
    }

    public int indexed() {
        return matching.size();
    }

    private static ListFormat formatOf(String format) {
        return switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> ListFormat.CSV;
            case "jsonl", "json-lines", "ndjson" -> ListFormat.JSON_LINES;
            case "values", "text", "txt" -> ListFormat.VALUES;
            default -> throw new InvalidInputException("format", "must be csv, jsonl or values (was '"
                    + InvalidInputException.preview(format) + "')");
        };
    }

    private static IndicatorView view(IndicatorStore.Row r) {
        return new IndicatorView(r.id(), r.type(), r.value(), r.label(), r.source(), r.active(), r.createdAt(),
                r.createdBy(), r.sightings());
    }
}
