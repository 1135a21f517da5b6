package org.finres.detection.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.finres.sigma.rule.CorrelationRule;
import org.finres.sigma.rule.RuleParser;
import org.finres.sigma.rule.SigmaDocument;
import org.finres.sigma.rule.SigmaFilter;
import org.finres.sigma.rule.SigmaRule;
import org.finres.sigma.rule.SigmaRuleException;

/**
 * Splits a rule file into its YAML documents and parses each on its own, because the catalogue keeps and
 * versions every document separately (a rule and the correlation over it often share one file). Each document
 * keeps its exact text; errors name the line in the whole file.
 */
public final class RuleDocuments {

    private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[ \\t]*\\r?$");

    /** A document that parsed: its text and what it is. */
    public record Parsed(String text, SigmaDocument document, int firstLine) {

        public String key() {
            return document.label();
        }

        public String type() {
            return typeOf(document);
        }

        public String level() {
            return switch (document) {
                case SigmaRule r -> r.level() == null ? null : r.level().token();
                case CorrelationRule c -> c.level() == null ? null : c.level().token();
                case SigmaFilter f -> null;
            };
        }
    }

    /** What a file came to: the documents that parsed and a message for each that did not. */
    public record Split(List<Parsed> parsed, List<String> problems) {
    }

    public static String typeOf(SigmaDocument d) {
        return switch (d) {
            case SigmaRule r -> "rule";
            case CorrelationRule c -> "correlation";
            case SigmaFilter f -> "filter";
        };
    }

    public static Split split(String fileName, String text) {
        List<Parsed> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int start = 0;
        int line = 1;
        Matcher m = SEPARATOR.matcher(text);
        List<int[]> chunks = new ArrayList<>();
        while (m.find()) {
            chunks.add(new int[] {start, m.start()});
            start = m.end();
        }
        chunks.add(new int[] {start, text.length()});
        int offset = 0;
        int consumed = 0;
        for (int[] c : chunks) {
            offset += countLines(text, consumed, c[0]);
            consumed = c[0];
            String chunk = text.substring(c[0], c[1]);
            if (chunk.isBlank()) {
                continue;
            }
            int firstLine = offset + 1;
            try {
                List<SigmaDocument> docs = RuleParser.parse(fileName, chunk);
                for (SigmaDocument d : docs) {
                    parsed.add(new Parsed(chunk.strip() + "\n", d, firstLine));
                }
            } catch (SigmaRuleException e) {
                SigmaRuleException placed = e.line() > 0 ? e.locate(fileName, offset, 0) : e;
                problems.add((placed.kind() == SigmaRuleException.Kind.UNSUPPORTED ? "unsupported: " : "")
                        + placed.getMessage());
            }
        }
        if (parsed.isEmpty() && problems.isEmpty()) {
            problems.add(fileName + ": contains no YAML document");
        }
        return new Split(parsed, problems);
    }

    private static int countLines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private RuleDocuments() {
    }
}
