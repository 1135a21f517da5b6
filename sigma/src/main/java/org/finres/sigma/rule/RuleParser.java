package org.finres.sigma.rule;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the YAML documents of one Sigma file (rules, correlation rules, filters; several documents separated by
 * {@code ---}). It works on SnakeYAML's node tree, not on Java objects, to keep line/column marks for errors and the
 * raw text of every scalar (a value like {@code 0x17} or {@code 010} must stay a string, and regular expressions need
 * the text as written). Bad input only ever raises {@link SigmaRuleException}.
 */
public final class RuleParser {

    private static final int MAX_INPUT_CHARS = 3_000_000;
    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,9})([smhdw])");

    private final String source;

    private RuleParser(String source) {
        this.source = source == null ? "" : source;
    }

    /** Parses every document of {@code text}; the first problem aborts the file with its position. */
    public static List<SigmaDocument> parse(String source, String text) {
        return new RuleParser(source).parseAll(text);
    }

    private List<SigmaDocument> parseAll(String text) {
        if (text.length() > MAX_INPUT_CHARS)
            throw SigmaRuleException.invalid(source, 0, 0, "file is larger than " + MAX_INPUT_CHARS + " characters");
        LoaderOptions options = new LoaderOptions();
        // Rules never need anchors; few aliases keep a hostile file from expanding exponentially in our traversal.
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(MAX_INPUT_CHARS);
        List<SigmaDocument> out = new ArrayList<>();
        try {
            for (Node node : new Yaml(options).composeAll(new StringReader(text))) {
                if (node == null) continue;
                out.add(document(node));
            }
        } catch (SigmaRuleException e) {
            throw e;
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw SigmaRuleException.invalid(source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "YAML syntax: " + oneLine(problem));
        } catch (YAMLException e) {
            throw SigmaRuleException.invalid(source, 0, 0, "YAML: " + oneLine(e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            // SnakeYAML occasionally fails with plain runtime exceptions on malformed streams; we promise one type.
            throw SigmaRuleException.invalid(source, 0, 0, "YAML could not be read: " + e.getClass().getSimpleName());
        }
        if (out.isEmpty()) throw SigmaRuleException.invalid(source, 0, 0, "file contains no YAML document");
        return out;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private SigmaDocument document(Node node) {
        MappingNode root = mapping(node, "a Sigma document");
        Map<String, NodeTuple> keys = keys(root);
        if (keys.containsKey("action"))
            throw unsupported(keys.get("action").getKeyNode(),
                    "'action' (Sigma 1 rule collections) is obsolete; write one document per rule");
        if (keys.containsKey("correlation")) return correlation(root, keys);
        if (keys.containsKey("filter")) return filter(root, keys);
        if (keys.containsKey("detection")) return rule(root, keys);
        throw invalid(root, "document has neither 'detection', 'correlation' nor 'filter'");
    }

    // ----------------------------------------------------------------------------------------------- rules

    private SigmaRule rule(MappingNode root, Map<String, NodeTuple> keys) {
        String title = requiredString(root, keys, "title");
        LogSource logsource = logsource(root, keys);
        Detection detection = detection(mapping(keys.get("detection").getValueNode(), "'detection'"), Set.of());
        String taxonomy = optionalString(keys, "taxonomy");
        return new SigmaRule(optionalString(keys, "id"), optionalString(keys, "name"), title, status(keys),
                optionalString(keys, "description"), level(keys), "sigma".equals(taxonomy) ? null : taxonomy, logsource,
                detection, stringList(keys, "tags"), stringList(keys, "fields"), origin(root));
    }

    private SigmaFilter filter(MappingNode root, Map<String, NodeTuple> keys) {
        String title = requiredString(root, keys, "title");
        LogSource logsource = logsource(root, keys);
        MappingNode body = mapping(keys.get("filter").getValueNode(), "'filter'");
        Map<String, NodeTuple> fk = keys(body);
        if (!fk.containsKey("rules")) throw invalid(body, "'filter' needs 'rules' (ids or names of the filtered rules)");
        List<String> rules = stringOrList(fk.get("rules").getValueNode(), "'filter.rules'");
        if (rules.isEmpty()) throw invalid(fk.get("rules").getValueNode(), "'filter.rules' is empty");
        Detection detection = detection(body, Set.of("rules"));
        return new SigmaFilter(optionalString(keys, "id"), optionalString(keys, "name"), title, logsource, rules,
                detection, origin(root));
    }

    private LogSource logsource(MappingNode root, Map<String, NodeTuple> keys) {
        NodeTuple t = keys.get("logsource");
        if (t == null) throw invalid(root, "'logsource' is missing");
        MappingNode m = mapping(t.getValueNode(), "'logsource'");
        Map<String, String> other = new LinkedHashMap<>();
        String category = null, product = null, service = null;
        for (NodeTuple e : m.getValue()) {
            String k = scalarKey(e);
            String v = e.getValueNode() instanceof ScalarNode s && !isNull(s) ? s.getValue() : null;
            if (!k.equals("definition") && e.getValueNode() instanceof ScalarNode == false)
                throw invalid(e.getValueNode(), "'logsource." + k + "' must be a string");
            switch (k) {
                case "category" -> category = v;
                case "product" -> product = v;
                case "service" -> service = v;
                default -> { if (v != null) other.put(k, v); }
            }
        }
        return new LogSource(category, product, service, other);
    }

    private Detection detection(MappingNode body, Set<String> ignored) {
        Map<String, DetectionItem> identifiers = new LinkedHashMap<>();
        NodeTuple conditionTuple = null;
        for (NodeTuple e : body.getValue()) {
            String k = scalarKey(e);
            if (ignored.contains(k)) continue;
            if (k.equals("condition")) {
                conditionTuple = e;
                continue;
            }
            if (k.equals("timeframe"))
                throw unsupported(e.getKeyNode(), "'timeframe' belongs to the obsolete Sigma 1 aggregations; use a correlation rule");
            if (k.isEmpty()) throw invalid(e.getKeyNode(), "search identifier name is empty");
            identifiers.put(k, searchIdentifier(e.getValueNode(), k));
        }
        if (conditionTuple == null) throw invalid(body, "'condition' is missing");
        if (identifiers.isEmpty()) throw invalid(body, "no search identifier is defined");
        Node cn = conditionTuple.getValueNode();
        List<Condition> conditions = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<ScalarNode> scalars = new ArrayList<>();
        if (cn instanceof SequenceNode seq) {
            if (seq.getValue().isEmpty()) throw invalid(seq, "'condition' list is empty");
            for (Node n : seq.getValue()) scalars.add(scalar(n, "a condition"));
        } else {
            scalars.add(scalar(cn, "'condition'"));
        }
        for (ScalarNode s : scalars) {
            try {
                conditions.add(ConditionParser.parse(source, s.getValue()));
            } catch (SigmaRuleException e) {
                throw conditionError(e, s);
            }
            if (!text.isEmpty()) text.append(" | ");
            text.append(s.getValue());
        }
        Condition condition = conditions.size() == 1 ? conditions.getFirst() : new Condition.Or(conditions);
        checkReferences(condition, identifiers, scalars.getFirst());
        return new Detection(identifiers, condition, text.toString());
    }

    /** Places a condition error on the condition's line; the column is exact for single-line plain conditions. */
    private SigmaRuleException conditionError(SigmaRuleException e, ScalarNode s) {
        int line = s.getStartMark().getLine() + 1;
        boolean plainOneLine = s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN
                && s.getStartMark().getLine() == s.getEndMark().getLine();
        int column = plainOneLine && e.column() > 0 ? s.getStartMark().getColumn() + e.column() : 0;
        return new SigmaRuleException(e.kind(), source, line, column, "condition: " + e.reason());
    }

    private void checkReferences(Condition c, Map<String, DetectionItem> ids, ScalarNode at) {
        switch (c) {
            case Condition.Identifier i -> {
                if (!ids.containsKey(i.name()))
                    throw SigmaRuleException.invalid(source, at.getStartMark().getLine() + 1, 0,
                            "condition refers to undefined search identifier '" + i.name() + "'");
            }
            case Condition.And a -> a.operands().forEach(o -> checkReferences(o, ids, at));
            case Condition.Or o -> o.operands().forEach(x -> checkReferences(x, ids, at));
            case Condition.Not n -> checkReferences(n.operand(), ids, at);
            case Condition.Quantified q -> {
                if (resolvePattern(q, ids.keySet()).isEmpty())
                    throw SigmaRuleException.invalid(source, at.getStartMark().getLine() + 1, 0,
                            "condition pattern '" + q.pattern() + "' matches no search identifier");
            }
        }
    }

    /**
     * The identifiers a quantified condition covers, in declaration order. {@code them} leaves out identifiers starting
     * with an underscore, as the specification says.
     */
    public static List<String> resolvePattern(Condition.Quantified q, Iterable<String> identifiers) {
        List<String> out = new ArrayList<>();
        if (q.isThem()) {
            for (String id : identifiers) if (!id.startsWith("_")) out.add(id);
            return out;
        }
        StringBuilder regex = new StringBuilder();
        for (char ch : q.pattern().toCharArray()) {
            if (ch == '*') regex.append(".*");
            else regex.append(Pattern.quote(String.valueOf(ch)));
        }
        Pattern p = Pattern.compile(regex.toString());
        for (String id : identifiers) if (p.matcher(id).matches()) out.add(id);
        return out;
    }

    private DetectionItem searchIdentifier(Node node, String name) {
        return switch (node) {
            case MappingNode m -> mapItem(m, name);
            case SequenceNode s -> {
                if (s.getValue().isEmpty()) throw invalid(s, "search identifier '" + name + "' is an empty list");
                List<DetectionItem> items = new ArrayList<>();
                List<SigmaValue> keywords = new ArrayList<>();
                Node firstKeyword = null;
                for (Node n : s.getValue()) {
                    if (n instanceof MappingNode m) {
                        items.add(mapItem(m, name));
                    } else if (n instanceof ScalarNode sc) {
                        if (firstKeyword == null) firstKeyword = sc;
                        keywords.add(value(sc));
                    } else {
                        throw invalid(n, "search identifier '" + name + "' has a nested list; expected values or maps");
                    }
                }
                if (!keywords.isEmpty()) {
                    checkNullAlone(keywords, firstKeyword);
                    items.add(new DetectionItem.Keywords(List.of(), keywords, line(firstKeyword), col(firstKeyword)));
                }
                yield items.size() == 1 ? items.getFirst() : new DetectionItem.AnyOf(items);
            }
            case ScalarNode sc -> {
                if (isNull(sc)) throw invalid(sc, "search identifier '" + name + "' has no content");
                yield new DetectionItem.Keywords(List.of(), List.of(value(sc)), line(sc), col(sc));
            }
            default -> throw invalid(node, "search identifier '" + name + "' must be a map or a list");
        };
    }

    private DetectionItem mapItem(MappingNode m, String name) {
        if (m.getValue().isEmpty()) throw invalid(m, "search identifier '" + name + "' has an empty map");
        List<DetectionItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple e : m.getValue()) {
            Node keyNode = e.getKeyNode();
            if (!(keyNode instanceof ScalarNode ks)) throw invalid(keyNode, "field name must be a string");
            String key = isNull(ks) ? "" : ks.getValue();
            if (!seen.add(key)) throw invalid(keyNode, "duplicate field '" + key + "' in '" + name + "'");
            String[] parts = key.split("\\|", -1);
            String field = parts[0];
            List<Modifier> mods = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                Modifier mod = Modifier.fromToken(parts[i]);
                if (mod == null) {
                    if (parts[i].isEmpty()) throw invalid(keyNode, "empty modifier in '" + key + "'");
                    throw unsupported(keyNode, "unknown modifier '" + parts[i] + "' in '" + key + "'");
                }
                mods.add(mod);
            }
            List<SigmaValue> values = new ArrayList<>();
            Node v = e.getValueNode();
            if (v instanceof ScalarNode sc) {
                values.add(value(sc));
            } else if (v instanceof SequenceNode seq) {
                if (seq.getValue().isEmpty()) throw invalid(seq, "'" + key + "' has an empty list of values");
                for (Node item : seq.getValue()) {
                    if (!(item instanceof ScalarNode sc))
                        throw invalid(item, "'" + key + "' values must be plain values, not maps or lists");
                    values.add(value(sc));
                }
                checkNullAlone(values, seq);
            } else {
                throw invalid(v, "'" + key + "' must have a value or a list of values, not a map");
            }
            if (field.isEmpty()) items.add(new DetectionItem.Keywords(mods, values, line(keyNode), col(keyNode)));
            else items.add(new DetectionItem.FieldItem(field, mods, values, line(keyNode), col(keyNode)));
        }
        return items.size() == 1 ? items.getFirst() : new DetectionItem.AllOf(items);
    }

    private void checkNullAlone(List<SigmaValue> values, Node at) {
        if (values.size() > 1 && values.stream().anyMatch(v -> v instanceof SigmaValue.SigmaNull))
            throw invalid(at, "null cannot be part of a list of values; put it in its own selection");
    }

    private static SigmaValue value(ScalarNode s) {
        if (isNull(s)) return new SigmaValue.SigmaNull();
        Tag tag = s.getTag();
        if (Tag.BOOL.equals(tag)) {
            String t = s.getValue().toLowerCase(java.util.Locale.ROOT);
            return new SigmaValue.SigmaBoolean(t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y"),
                    s.getValue());
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) return new SigmaValue.SigmaNumber(s.getValue());
        return new SigmaValue.SigmaString(s.getValue());
    }

    // ------------------------------------------------------------------------------------------ correlation

    private CorrelationRule correlation(MappingNode root, Map<String, NodeTuple> keys) {
        String title = requiredString(root, keys, "title");
        MappingNode body = mapping(keys.get("correlation").getValueNode(), "'correlation'");
        Map<String, NodeTuple> ck = keys(body);
        NodeTuple typeT = ck.get("type");
        if (typeT == null) throw invalid(body, "'correlation.type' is missing");
        ScalarNode typeNode = scalar(typeT.getValueNode(), "'correlation.type'");
        CorrelationRule.CorrelationType type = CorrelationRule.CorrelationType.fromToken(typeNode.getValue());
        if (type == null)
            throw invalid(typeNode, "unknown correlation type '" + typeNode.getValue()
                    + "' (event_count, value_count, temporal, temporal_ordered, value_sum, value_avg, value_percentile)");
        NodeTuple rulesT = ck.get("rules");
        if (rulesT == null) throw invalid(body, "'correlation.rules' is missing");
        List<String> rules = stringOrList(rulesT.getValueNode(), "'correlation.rules'");
        if (rules.isEmpty()) throw invalid(rulesT.getValueNode(), "'correlation.rules' is empty");
        List<String> groupBy = ck.containsKey("group-by")
                ? stringOrList(ck.get("group-by").getValueNode(), "'correlation.group-by'") : List.of();
        NodeTuple spanT = ck.get("timespan");
        if (spanT == null) throw invalid(body, "'correlation.timespan' is missing");
        Duration timespan = timespan(scalar(spanT.getValueNode(), "'correlation.timespan'"));

        List<CorrelationRule.Criterion> criteria = new ArrayList<>();
        List<String> fields = List.of();
        NodeTuple condT = ck.get("condition");
        if (condT != null) {
            MappingNode cm = mapping(condT.getValueNode(), "'correlation.condition'");
            for (NodeTuple e : cm.getValue()) {
                String k = scalarKey(e);
                if (k.equals("field")) {
                    fields = stringOrList(e.getValueNode(), "'correlation.condition.field'");
                    continue;
                }
                CorrelationRule.Operator op = CorrelationRule.Operator.fromToken(k);
                if (op == null) throw invalid(e.getKeyNode(), "unknown condition operator '" + k + "' (gt, gte, lt, lte, eq, neq, field)");
                ScalarNode n = scalar(e.getValueNode(), "'correlation.condition." + k + "'");
                try {
                    criteria.add(new CorrelationRule.Criterion(op, Double.parseDouble(n.getValue().trim())));
                } catch (NumberFormatException ex) {
                    throw invalid(n, "'correlation.condition." + k + "' must be a number, found '" + n.getValue() + "'");
                }
            }
            if (criteria.isEmpty()) throw invalid(cm, "'correlation.condition' has no comparison (gt, gte, lt, lte, eq, neq)");
        }
        boolean temporal = type == CorrelationRule.CorrelationType.TEMPORAL
                || type == CorrelationRule.CorrelationType.TEMPORAL_ORDERED;
        if (!temporal && criteria.isEmpty())
            throw invalid(body, "'correlation.condition' is required for " + type.token());
        if (type.needsField() && fields.isEmpty())
            throw invalid(condT.getValueNode(), "'correlation.condition.field' is required for " + type.token());
        if (!type.needsField() && !fields.isEmpty())
            throw invalid(condT.getValueNode(), "'field' has no meaning for " + type.token());
        if (type == CorrelationRule.CorrelationType.TEMPORAL_ORDERED && !criteria.isEmpty())
            throw unsupported(condT.getValueNode(), "a condition on temporal_ordered is not defined by the specification");

        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        NodeTuple aliasT = ck.get("aliases");
        if (aliasT != null) {
            for (NodeTuple a : mapping(aliasT.getValueNode(), "'correlation.aliases'").getValue()) {
                Map<String, String> perRule = new LinkedHashMap<>();
                for (NodeTuple r : mapping(a.getValueNode(), "alias '" + scalarKey(a) + "'").getValue())
                    perRule.put(scalarKey(r), scalar(r.getValueNode(), "an alias field").getValue());
                aliases.put(scalarKey(a), perRule);
            }
        }
        boolean generate = bool(ck.get("generate")) || bool(keys.get("generate"));
        return new CorrelationRule(optionalString(keys, "id"), optionalString(keys, "name"), title, status(keys),
                optionalString(keys, "description"), level(keys), type, rules, groupBy, timespan,
                new CorrelationRule.Threshold(criteria), fields, aliases, generate, stringList(keys, "tags"),
                origin(root));
    }

    private Duration timespan(ScalarNode n) {
        Matcher m = TIMESPAN.matcher(n.getValue().trim());
        if (!m.matches())
            throw invalid(n, "timespan '" + n.getValue() + "' must be a number and s, m, h, d or w (e.g. 90m)");
        long amount = Long.parseLong(m.group(1));
        if (amount == 0) throw invalid(n, "timespan must be positive");
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    private boolean bool(NodeTuple t) {
        if (t == null) return false;
        ScalarNode s = scalar(t.getValueNode(), "'generate'");
        if (!Tag.BOOL.equals(s.getTag())) throw invalid(s, "'generate' must be true or false");
        return s.getValue().equalsIgnoreCase("true") || s.getValue().equalsIgnoreCase("yes");
    }

    // ------------------------------------------------------------------------------------------ meta values

    private String status(Map<String, NodeTuple> keys) {
        String s = optionalString(keys, "status");
        if (s != null && !Set.of("stable", "test", "experimental", "deprecated", "unsupported").contains(s))
            throw invalid(keys.get("status").getValueNode(),
                    "unknown status '" + s + "' (stable, test, experimental, deprecated, unsupported)");
        return s;
    }

    private Level level(Map<String, NodeTuple> keys) {
        String s = optionalString(keys, "level");
        if (s == null) return null;
        Level l = Level.fromToken(s);
        if (l == null)
            throw invalid(keys.get("level").getValueNode(), "unknown level '" + s + "' (informational, low, medium, high, critical)");
        return l;
    }

    private Map<String, NodeTuple> keys(MappingNode m) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = scalarKey(t);
            if (out.put(k, t) != null) throw invalid(t.getKeyNode(), "duplicate key '" + k + "'");
        }
        return out;
    }

    private String scalarKey(NodeTuple t) {
        if (!(t.getKeyNode() instanceof ScalarNode s)) throw invalid(t.getKeyNode(), "keys must be strings");
        return isNull(s) ? "" : s.getValue();
    }

    private String requiredString(MappingNode root, Map<String, NodeTuple> keys, String key) {
        String s = optionalString(keys, key);
        if (s == null || s.isBlank()) throw invalid(root, "'" + key + "' is missing");
        return s;
    }

    private String optionalString(Map<String, NodeTuple> keys, String key) {
        NodeTuple t = keys.get(key);
        if (t == null) return null;
        ScalarNode s = scalar(t.getValueNode(), "'" + key + "'");
        return isNull(s) ? null : s.getValue();
    }

    private List<String> stringList(Map<String, NodeTuple> keys, String key) {
        NodeTuple t = keys.get(key);
        if (t == null) return List.of();
        if (t.getValueNode() instanceof ScalarNode s && isNull(s)) return List.of();
        return stringOrList(t.getValueNode(), "'" + key + "'");
    }

    private List<String> stringOrList(Node n, String what) {
        if (n instanceof ScalarNode s) return isNull(s) ? List.of() : List.of(s.getValue());
        if (!(n instanceof SequenceNode seq)) throw invalid(n, what + " must be a string or a list of strings");
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            ScalarNode s = scalar(item, "an item of " + what);
            if (!isNull(s)) out.add(s.getValue());
        }
        return out;
    }

    private MappingNode mapping(Node n, String what) {
        if (n instanceof MappingNode m) return m;
        throw invalid(n, what + " must be a map");
    }

    private ScalarNode scalar(Node n, String what) {
        if (n instanceof ScalarNode s) return s;
        throw invalid(n, what + " must be a single value");
    }

    private static boolean isNull(ScalarNode s) {
        return Tag.NULL.equals(s.getTag());
    }

    private Origin origin(Node n) {
        return new Origin(source, line(n));
    }

    private static int line(Node n) { return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1; }

    private static int col(Node n) { return n.getStartMark() == null ? 0 : n.getStartMark().getColumn() + 1; }

    private SigmaRuleException invalid(Node at, String reason) {
        return SigmaRuleException.invalid(source, line(at), col(at), reason);
    }

    private SigmaRuleException unsupported(Node at, String reason) {
        return SigmaRuleException.unsupported(source, line(at), col(at), reason);
    }
}
