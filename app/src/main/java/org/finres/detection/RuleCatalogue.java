package org.finres.detection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.detection.internal.DetectionEngine;
import org.finres.detection.internal.DetectionEngines;
import org.finres.detection.internal.RuleDocuments;
import org.finres.detection.internal.RuleStore;
import org.finres.sigma.rule.SigmaRule;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The detection rule catalogue: Sigma documents uploaded as files or folders, each kept with every version, enabled
 * or disabled, scoped to the hub, one institution or the sector. Every change rebuilds the running engine.
 */
@Service
public class RuleCatalogue {

    private final RuleStore store;
    private final DetectionEngines engines;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public RuleCatalogue(RuleStore store, DetectionEngines engines, TenantAccess access, AuditTrail audit,
                         PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.engines = engines;
        this.access = access;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Adds or updates every document of the files: a document whose key is new is created, one whose text changed
     * gets a new version, an identical one is left alone. A document that does not parse, that belongs to another
     * scope, or that a sector rule cannot use is reported and skipped; the others are kept.
     */
    public RuleImport importFiles(Actor actor, RuleScope scope, InstitutionId institution, List<RuleFile> files,
                                  String origin) {
        authorize(actor, scope, institution, "rules.import");
        if (scope == RuleScope.INSTITUTION && institution == null) {
            throw new InvalidInputException("institution", "is required for scope institution");
        }
        InstitutionId owner = scope == RuleScope.INSTITUTION ? institution : null;
        List<RuleImport.Imported> imported = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RuleFile file : files) {
            RuleDocuments.Split split = RuleDocuments.split(file.name(), file.text());
            problems.addAll(split.problems());
            for (RuleDocuments.Parsed doc : split.parsed()) {
                String refusal = refusal(scope, doc);
                if (refusal != null) {
                    problems.add(file.name() + ":" + doc.firstLine() + " [" + doc.key() + "]: " + refusal);
                    continue;
                }
                try {
                    imported.add(transaction.execute(status -> store(actor, scope, owner, doc, origin, file.name())));
                } catch (InvalidInputException e) {
                    problems.add(file.name() + ":" + doc.firstLine() + " [" + doc.key() + "]: " + e.getMessage());
                }
            }
        }
        if (imported.stream().anyMatch(i -> i.change() != RuleImport.Change.UNCHANGED)) {
            engines.requestRebuild();
        }
        return new RuleImport(files.size(), imported, problems);
    }

    private static String refusal(RuleScope scope, RuleDocuments.Parsed doc) {
        if (scope == RuleScope.SECTOR && doc.document() instanceof SigmaRule r
                && !"finres".equals(r.logsource().product())) {
            return "a sector rule reads detection facts: its logsource must be product: finres "
                    + "(service: alerts or sightings)";
        }
        return null;
    }

    private RuleImport.Imported store(Actor actor, RuleScope scope, InstitutionId owner, RuleDocuments.Parsed doc,
                                      String origin, String fileName) {
        Instant now = clock.instant();
        String source = origin + ":" + fileName;
        Optional<RuleStore.StoredRule> existing = store.findByKey(doc.key());
        if (existing.isPresent()) {
            RuleStore.StoredRule old = existing.get();
            if (old.scope() != scope || (owner != null && !owner.equals(old.institution()))) {
                // Same key elsewhere: the engine is shared, so a key names one document in the whole catalogue.
                throw new InvalidInputException("rules", "the key '" + doc.key() + "' is already used by a "
                        + old.scope().code() + "-scope document" + (actor.may(Permission.RULES_READ, old.institution())
                        || old.institution() == null ? " ('" + old.title() + "')" : "") + "; give this one its own id");
            }
            if (old.sha256().equals(RuleStore.sha256(doc.text()))) {
                return new RuleImport.Imported(doc.key(), old.title(), old.documentType(), old.version(),
                        RuleImport.Change.UNCHANGED);
            }
            int version = store.newVersion(old.id(), doc.type(), doc.document().title(), doc.level(), source,
                    doc.text(), now, actor.auditName());
            audit.record(actor, AuditEntry.success("rules.update", "detection_rule", old.id().toString(), owner)
                    .with("key", doc.key()).with("version", Integer.toString(version)));
            return new RuleImport.Imported(doc.key(), doc.document().title(), doc.type(), version,
                    RuleImport.Change.UPDATED);
        }
        UUID id = store.create(doc.key(), scope, owner, doc.type(), doc.document().title(), doc.level(), source,
                doc.text(), now, actor.auditName());
        audit.record(actor, AuditEntry.success("rules.create", "detection_rule", id.toString(), owner)
                .with("key", doc.key()).with("scope", scope.code()));
        return new RuleImport.Imported(doc.key(), doc.document().title(), doc.type(), 1, RuleImport.Change.CREATED);
    }

    /**
     * Loads a rule pack shipped in the jar ({@code detection/rules/<pack>/*.yml}): {@code sector} holds the
     * product's cross-institution correlations, {@code demo} the demo's rules for its simulated attacks.
     */
    public RuleImport importShippedPack(Actor actor, String pack, RuleScope scope) {
        if (!pack.matches("[a-z0-9-]+")) {
            throw new InvalidInputException("pack", "must be lower-case letters, digits or hyphens");
        }
        List<RuleFile> files = new ArrayList<>();
        try {
            for (org.springframework.core.io.Resource r : new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                    .getResources("classpath:detection/rules/" + pack + "/*.yml")) {
                files.add(new RuleFile("builtin/" + pack + "/" + r.getFilename(),
                        r.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new NotFoundException("rule pack", pack);
        }
        return importFiles(actor, scope, null, files, "builtin");
    }

    /** The documents the actor may read: everything for the hub; the hub's and its own for an institution. */
    public List<RuleEntry> list(Actor actor, RuleScope scope, InstitutionId institution) {
        InstitutionId filter = access.scope(actor, Permission.RULES_READ, institution, "rules.list", "detection_rule");
        boolean all = actor.grants().get(Permission.RULES_READ) == Permission.Reach.ALL;
        Map<UUID, DetectionEngine.Health> health = engines.health();
        return store.all().stream()
                .filter(r -> scope == null || r.scope() == scope)
                .filter(r -> all ? filter == null || filter.equals(r.institution())
                        : r.scope() == RuleScope.HUB || filter.equals(r.institution()))
                .map(r -> entry(r, health))
                .toList();
    }

    public RuleEntry get(Actor actor, UUID id) {
        return entry(readable(actor, id, "rules.read"), engines.health());
    }

    public List<RuleVersion> versions(Actor actor, UUID id) {
        readable(actor, id, "rules.versions");
        return store.versions(id);
    }

    public RuleEntry setEnabled(Actor actor, UUID id, boolean enabled) {
        RuleStore.StoredRule r = readable(actor, id, "rules.enable");
        authorize(actor, r.scope(), r.institution(), enabled ? "rules.enable" : "rules.disable");
        if (r.enabled() != enabled) {
            transaction.executeWithoutResult(status -> {
                store.setEnabled(id, enabled, clock.instant(), actor.auditName());
                audit.record(actor, AuditEntry.success(enabled ? "rules.enable" : "rules.disable", "detection_rule",
                        id.toString(), r.institution()).with("key", r.key()));
            });
            engines.requestRebuild();
        }
        return get(actor, id);
    }

    /** How many documents the running engine compiled, for the status line of the pages. */
    public int compiledRules() {
        return engines.loadedRules();
    }

    private RuleStore.StoredRule readable(Actor actor, UUID id, String action) {
        RuleStore.StoredRule r = store.find(id).orElseThrow(() -> new NotFoundException("detection_rule", id.toString()));
        if (!actor.holds(Permission.RULES_READ)) {
            access.check(actor, Permission.RULES_READ, r.institution(), action, "detection_rule", id.toString());
        }
        boolean all = actor.grants().get(Permission.RULES_READ) == Permission.Reach.ALL;
        boolean visible = all || r.scope() == RuleScope.HUB || actor.institutionId().equals(r.institution());
        if (!visible) {
            throw access.refuseOtherTenant(actor, action, "detection_rule", id.toString(), r.institution());
        }
        return r;
    }

    private void authorize(Actor actor, RuleScope scope, InstitutionId institution, String action) {
        switch (scope) {
            case HUB, SECTOR -> access.requireAll(actor, Permission.RULES_MANAGE, action, "detection_rule", null);
            case INSTITUTION -> {
                if (institution == null) {
                    access.requireAll(actor, Permission.RULES_MANAGE, action, "detection_rule", null);
                } else {
                    access.check(actor, Permission.RULES_MANAGE, institution, action, "detection_rule", null);
                }
            }
        }
    }

    private static RuleEntry entry(RuleStore.StoredRule r, Map<UUID, DetectionEngine.Health> health) {
        DetectionEngine.Health h = health.get(r.id());
        String status = !r.enabled() ? "disabled" : h == null ? "pending" : h.status();
        return new RuleEntry(r.id(), r.key(), r.scope(), r.institution(), r.documentType(), r.title(), r.level(),
                r.enabled(), r.version(), r.origin(), r.updatedAt(), r.updatedBy(), status,
                h == null || !r.enabled() ? null : h.problem());
    }
}
