package org.finres.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes every OCSF class shares (those of the base event and its host and security-control profiles), kept
 * in one record that each class record holds, so that decoders, the validator and the JSON codec treat them once.
 * Class, category and type ids are not here: they follow from the class record and {@link #activityId()}.
 *
 * @param time      when the activity happened, epoch milliseconds (OCSF requires it)
 * @param statusId  outcome (0 Unknown, 1 Success, 2 Failure, 99 Other) or, for findings, workflow state
 * @param actionId  what a security control did: 1 Allowed, 2 Denied
 * @param unmapped  what the source had and we did not map, under the source's own names
 * @param rawData   the event as received, kept only when the decode context asks for it
 */
public record BaseAttributes(int activityId, Severity severity, Long time, Integer timezoneOffset, Long startTime,
                             Long endTime, Integer count, String message, Integer statusId, String status,
                             String statusCode, String statusDetail, Integer actionId, String action,
                             Metadata metadata, Device device, Actor actor, List<Observable> observables,
                             Map<String, Object> unmapped, String rawData) {

    public BaseAttributes {
        severity = severity == null ? Severity.UNKNOWN : severity;
        observables = observables == null ? List.of() : List.copyOf(observables);
        // LinkedHashMap rather than Map.copyOf: the source's field order helps a reader, and JSON allows null values.
        unmapped = unmapped == null || unmapped.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unmapped));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.activityId = activityId;
        b.severity = severity;
        b.time = time;
        b.timezoneOffset = timezoneOffset;
        b.startTime = startTime;
        b.endTime = endTime;
        b.count = count;
        b.message = message;
        b.statusId = statusId;
        b.status = status;
        b.statusCode = statusCode;
        b.statusDetail = statusDetail;
        b.actionId = actionId;
        b.action = action;
        b.metadata = metadata;
        b.device = device;
        b.actor = actor;
        b.observables = observables;
        b.unmapped = unmapped;
        b.rawData = rawData;
        return b;
    }

    /** Decoders fill these one source field at a time; a builder keeps that readable. */
    public static final class Builder {
        private int activityId;
        private Severity severity = Severity.UNKNOWN;
        private Long time;
        private Integer timezoneOffset;
        private Long startTime;
        private Long endTime;
        private Integer count;
        private String message;
        private Integer statusId;
        private String status;
        private String statusCode;
        private String statusDetail;
        private Integer actionId;
        private String action;
        private Metadata metadata;
        private Device device;
        private Actor actor;
        private List<Observable> observables = List.of();
        private Map<String, Object> unmapped = Map.of();
        private String rawData;

        private Builder() {
        }

        public Builder activityId(int value) { activityId = value; return this; }
        public Builder severity(Severity value) { severity = value; return this; }
        public Builder time(Long value) { time = value; return this; }
        public Builder timezoneOffset(Integer value) { timezoneOffset = value; return this; }
        public Builder startTime(Long value) { startTime = value; return this; }
        public Builder endTime(Long value) { endTime = value; return this; }
        public Builder count(Integer value) { count = value; return this; }
        public Builder message(String value) { message = value; return this; }
        public Builder statusId(Integer value) { statusId = value; return this; }
        public Builder status(String value) { status = value; return this; }
        public Builder statusCode(String value) { statusCode = value; return this; }
        public Builder statusDetail(String value) { statusDetail = value; return this; }
        public Builder actionId(Integer value) { actionId = value; return this; }
        public Builder action(String value) { action = value; return this; }
        public Builder metadata(Metadata value) { metadata = value; return this; }
        public Builder device(Device value) { device = value; return this; }
        public Builder actor(Actor value) { actor = value; return this; }
        public Builder observables(List<Observable> value) { observables = value; return this; }
        public Builder unmapped(Map<String, Object> value) { unmapped = value; return this; }
        public Builder rawData(String value) { rawData = value; return this; }

        public BaseAttributes build() {
            return new BaseAttributes(activityId, severity, time, timezoneOffset, startTime, endTime, count, message,
                    statusId, status, statusCode, statusDetail, actionId, action, metadata, device, actor,
                    observables, unmapped, rawData);
        }
    }
}
