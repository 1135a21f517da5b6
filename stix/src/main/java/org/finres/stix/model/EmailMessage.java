package org.finres.stix.model;

import java.util.List;

/**
 * The email-message object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record EmailMessage(
        StixId id,
        CommonProperties common,
        Boolean isMultipart,
        StixTimestamp date,
        String contentType,
        StixId fromRef,
        StixId senderRef,
        List<StixId> toRefs,
        List<StixId> ccRefs,
        List<StixId> bccRefs,
        String messageId,
        String subject,
        List<String> receivedLines,
        String body,
        StixId rawEmailRef,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "email-message";

    @Override
    public String type() {
        return TYPE;
    }

    static EmailMessage decode(StixId id, CommonProperties common, StixJson json) {
        return new EmailMessage(
                id,
                common,
                json.bool("is_multipart"),
                json.timestamp("date"),
                json.text("content_type"),
                json.ref("from_ref"),
                json.ref("sender_ref"),
                json.refs("to_refs"),
                json.refs("cc_refs"),
                json.refs("bcc_refs"),
                json.text("message_id"),
                json.text("subject"),
                json.strings("received_lines"),
                json.text("body"),
                json.ref("raw_email_ref"),
                json);
    }
}
