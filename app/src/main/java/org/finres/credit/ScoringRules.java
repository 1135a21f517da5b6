package org.finres.credit;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * How many points each kind of fact is worth: data, not code (ADR 028). Read from YAML; every problem is reported
 * with its line. {@code version} is a hash of the file's text, recorded on every ledger entry scored under it, so a
 * changed file scores only what happens after it is deployed.
 *
 * <pre>
 * points:
 *   first-report: 10
 *   ...
 * exposure-bonus: 5
 * reverse-sighting-awards-on-false-positive: true
 * </pre>
 *
 * @param points         the points of each scored kind (every kind but the manual adjustment)
 * @param exposureBonus  added to a first report or corroboration about an exposure in the ecosystem
 * @param reverseSightingAwards when an indicator is marked false positive, take back what its submitter earned
 *                       from its sightings
 */
public record ScoringRules(Map<CreditKind, Integer> points, int exposureBonus, boolean reverseSightingAwards,
                           String version) {

    /** The limit of any one rule, so that a typo cannot make one fact outweigh a year of sharing. */
    public static final int MAX_POINTS = 1000;

    private static final Set<CreditKind> PENALTIES = Set.of(CreditKind.LATE_ACKNOWLEDGEMENT, CreditKind.ESCALATED,
            CreditKind.FALSE_POSITIVE_PENALTY);

    public ScoringRules {
        points = Map.copyOf(points);
    }

    /** The kinds the rules file scores (a manual adjustment carries its own points). */
    public static List<CreditKind> scoredKinds() {
        return java.util.Arrays.stream(CreditKind.values()).filter(k -> k != CreditKind.MANUAL_ADJUSTMENT).toList();
    }

    public int pointsFor(CreditKind kind) {
        Integer p = points.get(kind);
        if (p == null) throw new IllegalArgumentException(kind + " is not scored by the rules");
        return p;
    }

    public static ScoringRules load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ScoringRulesException(file.toString(), List.of("is not UTF-8 text"));
        } catch (IOException e) {
            throw new ScoringRulesException(file.toString(), List.of("cannot be read: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    /** Parses and validates; {@code source} names the file in messages. */
    public static ScoringRules parse(String text, String source) {
        if (text.length() > 64 * 1024) {
            throw new ScoringRulesException(source, List.of("is larger than 64 KiB; a rules file is a few lines"));
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(10);
        options.setAllowDuplicateKeys(true); // found and reported below, with both lines
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ": ";
            throw new ScoringRulesException(source, List.of(where + "not valid YAML: " + firstLine(e.getProblem())));
        } catch (YAMLException e) {
            throw new ScoringRulesException(source, List.of("not valid YAML: " + firstLine(e.getMessage())));
        }
        List<String> problems = new ArrayList<>();
        if (root == null) {
            throw new ScoringRulesException(source, List.of("line 1: is empty; it needs a points mapping"));
        }
        Map<String, NodeTuple> top = mapping(root, "the file", problems);
        if (top == null) throw new ScoringRulesException(source, problems);

        Map<CreditKind, Integer> points = new EnumMap<>(CreditKind.class);
        int exposureBonus = 0;
        boolean reverse = true;
        for (var e : top.entrySet()) {
            Node value = e.getValue().getValueNode();
            switch (e.getKey()) {
                case "points" -> {
                    Map<String, NodeTuple> p = mapping(value, "points", problems);
                    if (p == null) continue;
                    for (var pe : p.entrySet()) {
                        var kind = CreditKind.ofCode(pe.getKey()).filter(k -> k != CreditKind.MANUAL_ADJUSTMENT);
                        if (kind.isEmpty()) {
                            problems.add(line(pe.getValue().getKeyNode()) + "points." + pe.getKey() + " is not a scored kind; expected one of "
                                    + String.join(", ", scoredKinds().stream().map(CreditKind::code).toList()));
                            continue;
                        }
                        Integer n = integer(pe.getValue().getValueNode(), "points." + pe.getKey(), problems);
                        if (n == null) continue;
                        boolean penalty = PENALTIES.contains(kind.get());
                        if (penalty && n > 0) {
                            problems.add(line(pe.getValue().getValueNode()) + "points." + pe.getKey()
                                    + " is a penalty: it must be 0 or negative, not " + n);
                        } else if (!penalty && n < 0) {
                            problems.add(line(pe.getValue().getValueNode()) + "points." + pe.getKey()
                                    + " is an award: it must be 0 or positive, not " + n);
                        } else {
                            points.put(kind.get(), n);
                        }
                    }
                    for (CreditKind k : scoredKinds()) {
                        if (!p.containsKey(k.code()) && problems.stream().noneMatch(m -> m.contains("points." + k.code() + " "))) {
                            problems.add(line(e.getValue().getKeyNode()) + "points." + k.code() + " is missing");
                        }
                    }
                }
                case "exposure-bonus" -> {
                    Integer n = integer(value, "exposure-bonus", problems);
                    if (n != null && n < 0) problems.add(line(value) + "exposure-bonus must be 0 or positive, not " + n);
                    else if (n != null) exposureBonus = n;
                }
                case "reverse-sighting-awards-on-false-positive" -> {
                    String s = scalar(value, e.getKey(), problems);
                    if (s == null) continue;
                    if (s.equals("true") || s.equals("false")) reverse = Boolean.parseBoolean(s);
                    else problems.add(line(value) + e.getKey() + " must be true or false, not '" + preview(s) + "'");
                }
                default -> problems.add(line(e.getValue().getKeyNode()) + "'" + preview(e.getKey())
                        + "' is not a setting; expected points, exposure-bonus or reverse-sighting-awards-on-false-positive");
            }
        }
        if (!top.containsKey("points")) problems.add("line 1: points is missing");
        if (!problems.isEmpty()) throw new ScoringRulesException(source, problems);
        return new ScoringRules(points, exposureBonus, reverse, versionOf(text));
    }

    private static Map<String, NodeTuple> mapping(Node node, String what, List<String> problems) {
        if (!(node instanceof MappingNode m)) {
            problems.add(line(node) + what + " must be a mapping of names to values");
            return null;
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problems.add(line(t.getKeyNode()) + "a key in " + what + " must be a plain name");
                continue;
            }
            if (!seen.add(k.getValue())) {
                problems.add(line(k) + "'" + preview(k.getValue()) + "' is set twice in " + what + " (first on "
                        + line(out.get(k.getValue()).getKeyNode()).replace(": ", "") + ")");
                continue;
            }
            out.put(k.getValue(), t);
        }
        return out;
    }

    private static String scalar(Node node, String what, List<String> problems) {
        if (node instanceof ScalarNode s) return s.getValue().strip();
        problems.add(line(node) + what + " must be a single value");
        return null;
    }

    private static Integer integer(Node node, String what, List<String> problems) {
        String s = scalar(node, what, problems);
        if (s == null) return null;
        if (!s.matches("[+-]?\\d{1,9}")) {
            problems.add(line(node) + what + " must be a whole number, not '" + preview(s) + "'");
            return null;
        }
        int n = Integer.parseInt(s);
        if (Math.abs(n) > MAX_POINTS) {
            problems.add(line(node) + what + " must be between -" + MAX_POINTS + " and " + MAX_POINTS + ", not " + n);
            return null;
        }
        return n;
    }

    private static String line(Node node) {
        return node == null || node.getStartMark() == null ? "" : "line " + (node.getStartMark().getLine() + 1) + ": ";
    }

    private static String preview(String s) {
        String one = s.replaceAll("\\p{Cntrl}", "?");
        return one.length() > 40 ? one.substring(0, 40) + "…" : one;
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String versionOf(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
