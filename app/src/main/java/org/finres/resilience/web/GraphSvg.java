package org.finres.resilience.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.finres.resilience.engine.Dependency;
import org.finres.resilience.engine.Element;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.analysis.SinglePointOfFailure;

/**
 * The dependency graph as server-rendered SVG: one row per layer from the services down to the suppliers, nodes
 * ordered within a row by the mean position of their dependents (one barycentre pass, enough to keep the demo-sized
 * graphs readable), serial dependencies as solid lines, redundancy-group members as dashed lines labelled with the
 * group, single points of failure outlined red (hidden ones also labelled). No script: the page's policy allows none
 * inline, and a picture of a register needs none.
 */
final class GraphSvg {

    static final int MAX_NODES = 400;
    private static final int W = 160;
    private static final int H = 36;
    private static final int GAP_X = 24;
    private static final int GAP_Y = 70;
    private static final int PAD = 20;
    private static final int LABEL = 130;

    private GraphSvg() {
    }

    /** Labels in the visitor's language: layer names, the legend and the hidden-SPOF mark. */
    record Labels(Map<Layer, String> layers, String hiddenSpof, String spof, String group, String title) {
    }

    /** The SVG, or null when the register is too large to draw legibly. */
    static String render(Register register, List<SinglePointOfFailure> spofs, Labels labels) {
        List<Element> elements = register.elements();
        if (elements.size() > MAX_NODES) {
            return null;
        }
        Map<ElementId, SinglePointOfFailure> spof = new HashMap<>();
        spofs.forEach(s -> spof.put(s.element(), s));
        Map<Layer, List<Element>> rows = new EnumMap<>(Layer.class);
        for (Element e : elements) {
            rows.computeIfAbsent(e.layer(), k -> new ArrayList<>()).add(e);
        }
        Map<ElementId, Double> position = new HashMap<>();
        Map<ElementId, List<ElementId>> dependents = new HashMap<>();
        for (Element e : elements) {
            for (Dependency d : e.dependsOn()) {
                for (ElementId t : d.targets()) {
                    dependents.computeIfAbsent(t, k -> new ArrayList<>()).add(e.id());
                }
            }
        }
        for (List<Element> row : rows.values()) {
            // Rows are visited top-down (EnumMap keeps layer order), so dependents are placed first.
            List<Element> sorted = new ArrayList<>(row);
            Map<ElementId, Double> key = new HashMap<>();
            for (int i = 0; i < sorted.size(); i++) {
                Element e = sorted.get(i);
                List<ElementId> up = dependents.getOrDefault(e.id(), List.of()).stream()
                        .filter(position::containsKey).toList();
                key.put(e.id(), up.isEmpty() ? i : up.stream().mapToDouble(position::get).average().orElse(i));
            }
            sorted.sort(Comparator.comparingDouble(e -> key.get(e.id())));
            row.clear();
            row.addAll(sorted);
            for (int i = 0; i < row.size(); i++) {
                position.put(row.get(i).id(), (double) i);
            }
        }
        int widest = rows.values().stream().mapToInt(List::size).max().orElse(1);
        int width = PAD * 2 + LABEL + widest * (W + GAP_X);
        int height = PAD * 2 + rows.size() * (H + GAP_Y) - GAP_Y + 40;
        Map<ElementId, int[]> at = new HashMap<>();
        int r = 0;
        for (List<Element> row : rows.values()) {
            int rowWidth = row.size() * (W + GAP_X) - GAP_X;
            int x0 = PAD + LABEL + ((widest * (W + GAP_X) - GAP_X) - rowWidth) / 2;
            for (int i = 0; i < row.size(); i++) {
                at.put(row.get(i).id(), new int[]{x0 + i * (W + GAP_X), PAD + r * (H + GAP_Y)});
            }
            r++;
        }

        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dependency-graph\" role=\"img\" ")
                .append("data-testid=\"dependency-graph\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\">")
                .append("<title>").append(esc(labels.title())).append("</title>");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" ")
                .append("markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" ")
                .append("fill=\"#64748b\"/></marker></defs>");
        r = 0;
        for (Layer layer : rows.keySet()) {
            int y = PAD + r * (H + GAP_Y);
            svg.append("<text class=\"layer-label\" x=\"").append(PAD).append("\" y=\"").append(y + H / 2 + 4)
                    .append("\" font-size=\"12\" fill=\"#475569\">").append(esc(labels.layers().get(layer)))
                    .append("</text>");
            r++;
        }
        // Edges first so nodes sit on top of them; group labels under their dependent, one line per group.
        StringBuilder labelsSvg = new StringBuilder();
        for (Element e : elements) {
            int[] from = at.get(e.id());
            int groupLine = 0;
            for (Dependency d : e.dependsOn()) {
                switch (d) {
                    case Dependency.Direct direct -> edge(svg, from, at.get(direct.target()), false, null);
                    case Dependency.Redundant red -> {
                        for (ElementId m : red.group().members()) {
                            edge(svg, from, at.get(m), true, red.group().id().value());
                        }
                        labelsSvg.append("<text class=\"group-label\" x=\"").append(from[0] + 4).append("\" y=\"")
                                .append(from[1] + H + 12 + 11 * groupLine++)
                                .append("\" font-size=\"10\" fill=\"#7c3aed\">")
                                .append(esc(abbreviate(red.group().id().value() + " ("
                                        + red.group().mode().toString().toLowerCase() + ")", 34)))
                                .append("</text>");
                    }
                }
            }
        }
        svg.append(labelsSvg);
        Set<ElementId> members = elements.stream().flatMap(e -> e.dependsOn().stream())
                .filter(d -> d instanceof Dependency.Redundant).flatMap(d -> d.targets().stream())
                .collect(Collectors.toSet());
        for (Element e : elements) {
            int[] p = at.get(e.id());
            SinglePointOfFailure s = spof.get(e.id());
            String cls = "node layer-" + e.layer().formatName() + (members.contains(e.id()) ? " group-member" : "")
                    + (s == null ? "" : s.hidden() ? " spof spof-hidden" : " spof");
            svg.append("<g class=\"").append(cls).append("\" data-element=\"").append(esc(e.id().value()))
                    .append("\" data-spof=\"").append(s == null ? "no" : s.hidden() ? "hidden" : "yes").append("\">");
            svg.append("<title>").append(esc(e.id().value() + " (" + labels.layers().get(e.layer()) + ")"
                    + (s == null ? "" : " – " + (s.hidden() ? labels.hiddenSpof() : labels.spof())))).append("</title>");
            svg.append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(W)
                    .append("\" height=\"").append(H).append("\" rx=\"6\" fill=\"")
                    .append(e.layer() == Layer.SERVICE ? "#dbeafe" : s != null ? "#fee2e2" : "#f8fafc")
                    .append("\" stroke=\"").append(s != null ? "#dc2626" : "#94a3b8").append("\" stroke-width=\"")
                    .append(s != null ? 3 : 1).append('"')
                    .append(members.contains(e.id()) ? " stroke-dasharray=\"6 3\"" : "").append("/>");
            svg.append("<text x=\"").append(p[0] + W / 2).append("\" y=\"").append(p[1] + 15)
                    .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#0f172a\">")
                    .append(esc(abbreviate(e.name(), 24))).append("</text>");
            svg.append("<text x=\"").append(p[0] + W / 2).append("\" y=\"").append(p[1] + 29)
                    .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"")
                    .append(s != null ? "#b91c1c" : "#64748b").append("\">")
                    .append(esc(s == null ? abbreviate(e.id().value(), 28) : s.hidden() ? labels.hiddenSpof()
                            : labels.spof())).append("</text>");
            svg.append("</g>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static void edge(StringBuilder svg, int[] from, int[] to, boolean redundant, String group) {
        int x1 = from[0] + W / 2;
        int y1 = from[1] + H;
        int x2 = to[0] + W / 2;
        int y2 = to[1];
        svg.append("<line class=\"").append(redundant ? "edge edge-redundant" : "edge").append('"');
        if (group != null) {
            svg.append(" data-group=\"").append(esc(group)).append('"');
        }
        svg.append(" x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2)
                .append("\" y2=\"").append(y2).append("\" stroke=\"").append(redundant ? "#7c3aed" : "#64748b")
                .append("\" stroke-width=\"1.5\"").append(redundant ? " stroke-dasharray=\"5 4\"" : "")
                .append(" marker-end=\"url(#arrow)\"/>");
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
