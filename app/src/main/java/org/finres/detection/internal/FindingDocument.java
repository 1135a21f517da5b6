package org.finres.detection.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.attack.NamedTechnique;
import org.finres.events.Attack;
import org.finres.stix.attack.TechniqueId;

import org.finres.events.Analytic;
import org.finres.events.BaseAttributes;
import org.finres.events.DetectionFinding;
import org.finres.events.Device;
import org.finres.events.Evidence;
import org.finres.events.FindingInfo;
import org.finres.events.Metadata;
import org.finres.events.NetworkEndpoint;
import org.finres.events.Observable;
import org.finres.events.OcsfJson;
import org.finres.events.Product;
import org.finres.events.Severity;
import org.finres.events.User;

/** Writes an alert as an OCSF Detection Finding (2004), the form in which other tools and modules read it. */
final class FindingDocument {

    static String of(UUID uid, AlertHit hit, Instant createdAt, Map<TechniqueId, NamedTechnique> names) {
        Severity severity = Severity.ofId(AlertHit.severityOf(hit.level())).orElse(Severity.UNKNOWN);
        long time = hit.time().toEpochMilli();
        AlertHit.EvidenceEvent first = hit.evidence().isEmpty() ? null : hit.evidence().getFirst();
        List<Evidence> evidences = new ArrayList<>();
        List<Observable> observables = new ArrayList<>();
        for (AlertHit.EvidenceEvent e : hit.evidence()) {
            evidences.add(new Evidence(null, endpoint(e.srcIp()), endpoint(e.dstIp()), null, null, null,
                    e.userName() == null ? null : User.of(e.userName(), null, null), null, null, null,
                    e.deviceName() == null ? null : Device.ofHostname(e.deviceName())));
            if (e.srcIp() != null) {
                observables.add(new Observable("evidences.src_endpoint.ip", 2, "IP Address", e.srcIp()));
            }
            if (e.dstIp() != null) {
                observables.add(new Observable("evidences.dst_endpoint.ip", 2, "IP Address", e.dstIp()));
            }
        }
        hit.group().forEach((field, value) -> observables.add(new Observable("finding_info.group." + field, 0,
                "Unknown", value)));
        BaseAttributes base = BaseAttributes.builder()
                .activityId(DetectionFinding.CREATE)
                .severity(severity)
                .time(time)
                .message(hit.title())
                .count(1)
                .statusId(1)
                .status("New")
                .metadata(new Metadata(new Product("FinRes detection", "FinRes", null, null), Metadata.OCSF_VERSION,
                        uid.toString(), hit.kind().code(), null, null, null, createdAt.toEpochMilli(), null,
                        hit.institution().value(), null, List.of("finres:" + hit.kind().code())))
                .device(first == null || first.deviceName() == null ? null : Device.ofHostname(first.deviceName()))
                .observables(observables)
                .build();
        FindingInfo info = new FindingInfo(uid.toString(), hit.title(), hit.description(), List.of(hit.kind().code()),
                createdAt.toEpochMilli(), time, time, null, Analytic.rule(hit.ruleKey(), hit.title()),
                attacks(hit.techniques(), names));
        return OcsfJson.write(new DetectionFinding(base, info, evidences, List.of(), true, 3));
    }

    /**
     * OCSF {@code attack} per technique the rule names: a sub-technique under its parent, as OCSF models it; names
     * and tactics when the hub's ATT&CK catalogue knows the id, the bare id otherwise.
     */
    static List<Attack> attacks(List<TechniqueId> ids, Map<TechniqueId, NamedTechnique> names) {
        List<Attack> out = new ArrayList<>();
        for (TechniqueId id : ids) {
            NamedTechnique named = names.get(id);
            NamedTechnique parent = names.get(id.parent());
            List<Attack.Entry> tactics = named == null ? List.of()
                    : named.tactics().stream().map(t -> new Attack.Entry(null, t, null)).toList();
            if (id.isSubTechnique()) {
                out.add(new Attack(new Attack.Entry(id.parent().value(), parent == null ? null : parent.name(),
                        parent == null ? null : parent.url()),
                        new Attack.Entry(id.value(), named == null ? null : named.name(), named == null ? null : named.url()),
                        tactics, null));
            } else {
                out.add(new Attack(new Attack.Entry(id.value(), named == null ? null : named.name(),
                        named == null ? null : named.url()), null, tactics, null));
            }
        }
        return out;
    }

    private static NetworkEndpoint endpoint(String ip) {
        return ip == null ? null : NetworkEndpoint.of(ip, null, null);
    }

    private FindingDocument() {
    }
}
