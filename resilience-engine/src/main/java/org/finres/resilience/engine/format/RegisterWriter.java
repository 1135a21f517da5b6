package org.finres.resilience.engine.format;

import java.time.Duration;

import org.finres.resilience.engine.Component;
import org.finres.resilience.engine.Dependency;
import org.finres.resilience.engine.DurationText;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.FailureModel;
import org.finres.resilience.engine.ImportantService;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.RecoveryDistribution;
import org.finres.resilience.engine.RedundancyGroup;
import org.finres.resilience.engine.Register;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** Writes a register as YAML or JSON in the form {@link RegisterReader} reads back to an equal register. */
public final class RegisterWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private RegisterWriter() {
    }

    public static String toYaml(Register register) {
        return YAML.writeValueAsString(tree(register));
    }

    public static String toJson(Register register) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(register)) + "\n";
    }

    static ObjectNode tree(Register r) {
        ObjectNode top = NODES.objectNode();
        top.put("format", Register.FORMAT);
        top.put("institution", r.institution());
        if (!r.institutionName().isEmpty()) {
            top.put("institutionName", r.institutionName());
        }
        ArrayNode services = top.putArray("services");
        for (ImportantService s : r.services()) {
            ObjectNode n = services.addObject();
            n.put("id", s.id().value());
            if (!s.name().equals(s.id().value())) {
                n.put("name", s.name());
            }
            putIfNotEmpty(n, "owner", s.owner());
            putIfNotEmpty(n, "customers", s.customers());
            putIfNotEmpty(n, "whyImportant", s.whyImportant());
            ObjectNode t = n.putObject("tolerance");
            t.put("maxTolerableDowntime", text(s.tolerance().maxTolerableDowntime()));
            t.put("rto", text(s.tolerance().rto()));
            t.put("rpo", text(s.tolerance().rpo()));
            if (s.tolerance().minimumServiceLevelPercent() > 0) {
                t.put("minimumServiceLevel", s.tolerance().minimumServiceLevelPercent() + "%");
            }
            dependencies(n, s.dependsOn());
        }
        ArrayNode elements = top.putArray("elements");
        for (Component c : r.components()) {
            ObjectNode n = elements.addObject();
            n.put("id", c.id().value());
            n.put("layer", c.layer().formatName());
            if (!c.name().equals(c.id().value())) {
                n.put("name", c.name());
            }
            n.put("rto", text(c.rto()));
            if (c.layer() == Layer.DATA_STORE || !c.rpo().isZero()) {
                n.put("rpo", text(c.rpo()));
            }
            c.sharedRef().ifPresent(ref -> n.put("sharedRef", ref));
            c.failure().ifPresent(f -> failure(n.putObject("failure"), f));
            dependencies(n, c.dependsOn());
        }
        return top;
    }

    private static void failure(ObjectNode n, FailureModel f) {
        n.put("probability", f.probability());
        ObjectNode r = n.putObject("recovery");
        switch (f.recovery()) {
            case RecoveryDistribution.Fixed(Duration time) -> {
                r.put("distribution", "fixed");
                r.put("time", text(time));
            }
            case RecoveryDistribution.Uniform(Duration min, Duration max) -> {
                r.put("distribution", "uniform");
                r.put("min", text(min));
                r.put("max", text(max));
            }
            case RecoveryDistribution.Triangular(Duration min, Duration mode, Duration max) -> {
                r.put("distribution", "triangular");
                r.put("min", text(min));
                r.put("mode", text(mode));
                r.put("max", text(max));
            }
        }
    }

    private static void dependencies(ObjectNode n, java.util.List<Dependency> deps) {
        if (deps.isEmpty()) {
            return;
        }
        ArrayNode list = n.putArray("dependsOn");
        for (Dependency d : deps) {
            switch (d) {
                case Dependency.Direct(ElementId target) -> list.add(target.value());
                case Dependency.Redundant(RedundancyGroup g) -> {
                    ObjectNode gn = list.addObject();
                    gn.put("group", g.id().value());
                    gn.put("mode", g.mode().formatName());
                    gn.put("failover", text(g.failoverTime()));
                    gn.put("replicationLag", text(g.replicationLag()));
                    ArrayNode members = gn.putArray("members");
                    g.members().forEach(m -> members.add(m.value()));
                }
            }
        }
    }

    private static void putIfNotEmpty(ObjectNode n, String key, String value) {
        if (!value.isEmpty()) {
            n.put(key, value);
        }
    }

    private static String text(Duration d) {
        return DurationText.format(d);
    }
}
