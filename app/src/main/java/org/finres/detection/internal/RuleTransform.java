package org.finres.detection.internal;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.finres.core.InstitutionId;
import org.finres.detection.RuleScope;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Rewrites a catalogue document for the hub's one shared engine, so that scope holds without the engine knowing
 * about tenants:
 * <ul>
 *   <li>a hub or institution correlation gets {@code institution} added to its group-by, so that five failed
 *       log-ons at five different banks never add up to one bank's brute force;</li>
 *   <li>an institution's rule or filter gets a selection {@code _finres_scope: {institution: <id>}} ANDed to each
 *       condition (the leading underscore keeps it out of {@code 1 of them});</li>
 *   <li>a sector document is used as written: correlating across institutions is its purpose.</li>
 * </ul>
 * The rewrite works on SnakeYAML's node tree, never on loaded Java values, so every scalar keeps the exact text
 * and style it was written with: Sigma compares values by their YAML text ({@code 0x17}, {@code 0777}, dates).
 */
public final class RuleTransform {

    static final String SCOPE_SELECTION = "_finres_scope";
    public static final String INSTITUTION_FIELD = "institution";

    public static String forEngine(String yaml, RuleScope scope, InstitutionId institution) {
        if (scope == RuleScope.SECTOR) {
            return yaml;
        }
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(10);
        Node root = new Yaml(loader).compose(new StringReader(yaml));
        if (!(root instanceof MappingNode doc)) {
            return yaml;
        }
        boolean changed = false;
        if (value(doc, "correlation") instanceof MappingNode correlation) {
            changed = addGroupBy(correlation);
        } else if (scope == RuleScope.INSTITUTION) {
            Node section = value(doc, "filter");
            if (!(section instanceof MappingNode)) {
                section = value(doc, "detection");
            }
            if (section instanceof MappingNode detection) {
                restrict(detection, institution);
                changed = true;
            }
        }
        if (!changed) {
            return yaml;
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(400);
        StringWriter out = new StringWriter();
        new Yaml(options).serialize(doc, out);
        return out.toString();
    }

    private static boolean addGroupBy(MappingNode correlation) {
        Node groupBy = value(correlation, "group-by");
        List<Node> items = new ArrayList<>();
        if (groupBy instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                if (n instanceof ScalarNode s && s.getValue().equals(INSTITUTION_FIELD)) {
                    return false;
                }
                items.add(n);
            }
        } else if (groupBy instanceof ScalarNode s) {
            if (s.getValue().equals(INSTITUTION_FIELD)) {
                return false;
            }
            items.add(s);
        }
        items.add(scalar(INSTITUTION_FIELD));
        put(correlation, "group-by", new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.FLOW));
        return true;
    }

    private static void restrict(MappingNode detection, InstitutionId institution) {
        MappingNode selection = new MappingNode(Tag.MAP,
                List.of(new NodeTuple(scalar(INSTITUTION_FIELD), quoted(institution.value()))),
                DumperOptions.FlowStyle.FLOW);
        Node condition = value(detection, "condition");
        put(detection, SCOPE_SELECTION, selection);
        if (condition instanceof SequenceNode seq) {
            List<Node> wrapped = new ArrayList<>();
            for (Node one : seq.getValue()) {
                wrapped.add(one instanceof ScalarNode s ? quoted(wrap(s.getValue())) : one);
            }
            put(detection, "condition", new SequenceNode(Tag.SEQ, wrapped, DumperOptions.FlowStyle.BLOCK));
        } else if (condition instanceof ScalarNode s) {
            put(detection, "condition", quoted(wrap(s.getValue())));
        }
    }

    private static String wrap(String condition) {
        return "(" + condition + ") and " + SCOPE_SELECTION;
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    /** Replaces the key's value in place (keeping the document's order), or appends the pair. */
    private static void put(MappingNode map, String key, Node value) {
        List<NodeTuple> tuples = new ArrayList<>(map.getValue());
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), value));
                map.setValue(tuples);
                return;
            }
        }
        tuples.add(new NodeTuple(scalar(key), value));
        map.setValue(tuples);
    }

    private static ScalarNode scalar(String text) {
        return new ScalarNode(Tag.STR, text, null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    private static ScalarNode quoted(String text) {
        return new ScalarNode(Tag.STR, text, null, null, DumperOptions.ScalarStyle.SINGLE_QUOTED);
    }

    private RuleTransform() {
    }
}
