package org.finres.coredata;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streaming StAX reader of ISO 20022 camt.053 (BankToCustomerStatement), versions 001.02 and later, recognised
 * by namespace. It reads only the elements the format needs (account, owner, OPBD/PRCD/CLBD/CLAV balances,
 * entries, the transactions summary) and skips the rest. DOCTYPE declarations are refused outright, so neither
 * external entities (XXE) nor entity expansion can happen; depth and text length are bounded.
 */
final class Camt053Source {

    static final Pattern NAMESPACE = Pattern.compile("urn:iso:std:iso:20022:tech:xsd:camt\\.053\\.001\\.(\\d{2})");
    static final int MAX_DEPTH = 48;
    static final int MAX_TEXT = 4096;

    /** One captured element value and where it was. */
    record Value(String text, String where) {
    }

    /** The leaf values below one element (Stmt, Bal, Ntry), by path relative to it ("Acct/Id/IBAN", "Amt@Ccy"). */
    static final class Node {
        final String where;
        final Map<String, Value> values = new LinkedHashMap<>();

        Node(String where) {
            this.where = where;
        }

        String get(String path) {
            Value v = values.get(path);
            return v == null ? null : v.text();
        }

        String where(String path) {
            Value v = values.get(path);
            return v == null ? where : v.where();
        }

        /** The first of several alternative paths that is present (schema versions name some elements differently). */
        String first(String... paths) {
            for (String p : paths) {
                String v = get(p);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
    }

    /** Receives a statement's parts as they complete; the statement node holds Acct/Ownr/TxsSummry values. */
    interface Handler {
        void balance(Node statement, Node balance);

        void entry(Node statement, Node entry, int index);

        void statementEnd(Node statement, List<Node> balances);
    }

    private Camt053Source() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // Not coalescing: long text arrives in pieces, so MAX_TEXT stops it before the parser has buffered it all.
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        // Errors come back as exceptions with a location; without a reporter the JDK also prints them to stderr.
        f.setXMLReporter((message, type, info, location) -> { });
        try {
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (IllegalArgumentException e) {
            // A StAX implementation without JAXP 1.5 properties; DTDs are refused below anyway.
        }
        return f;
    }

    /** Reads one file; MalformedInputException names the line and element path. Returns the schema version. */
    static int read(String file, InputStream in, Handler handler) {
        XMLStreamReader r;
        try {
            // ISO 20022 XML messages are UTF-8; decoding strictly ourselves turns a bad byte into an error with a
            // location, where the JDK's own decoder would also print "[Fatal Error]" to stderr.
            r = factory().createXMLStreamReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)));
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedInputException(file, "line 1", "not XML: " + e.getMessage());
        }
        Deque<String> names = new ArrayDeque<>();
        Deque<Map<String, Integer>> childCounts = new ArrayDeque<>();
        childCounts.push(new HashMap<>());
        Deque<String> paths = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        int version = -1;
        String namespace = null;
        Node statement = null;
        int statementDepth = -1;
        Node part = null;       // the Bal or Ntry being read
        int partDepth = -1;
        List<Node> balances = new ArrayList<>();
        int entries = 0;
        boolean sawStatementContainer = false;
        try {
            while (true) {
                int event = next(r, file, names, paths);
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new MalformedInputException(file, at(r, paths),
                            "DOCTYPE declarations are not allowed in camt.053 files (protection against external "
                                    + "entities and entity expansion)");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new MalformedInputException(file, at(r, paths),
                            "entity references are not allowed");
                    case XMLStreamConstants.START_ELEMENT -> {
                        String name = r.getLocalName();
                        String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
                        int index = childCounts.peek().merge(name, 1, Integer::sum);
                        String path = (paths.isEmpty() ? "" : paths.peek()) + "/" + name
                                + (names.isEmpty() ? "" : "[" + index + "]");
                        if (names.isEmpty()) {
                            Matcher m = NAMESPACE.matcher(ns);
                            if (!name.equals("Document") || !m.matches()) {
                                throw new MalformedInputException(file, at(r, "/" + name), "the root element is {"
                                        + ns + "}" + name + ", not a camt.053 Document (namespace "
                                        + "urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN)");
                            }
                            version = Integer.parseInt(m.group(1));
                            if (version < 2) {
                                throw new MalformedInputException(file, at(r, "/Document"), "camt.053.001."
                                        + m.group(1) + " is not supported (001.02 and later are)");
                            }
                            namespace = ns;
                        }
                        names.push(name);
                        paths.push(path);
                        childCounts.push(new HashMap<>());
                        if (names.size() > MAX_DEPTH) {
                            throw new MalformedInputException(file, at(r, paths), "elements nest deeper than "
                                    + MAX_DEPTH + " levels");
                        }
                        text.setLength(0);
                        boolean ours = ns.equals(namespace);
                        int depth = names.size();
                        if (ours && depth == 2) {
                            if (!name.equals("BkToCstmrStmt")) {
                                throw new MalformedInputException(file, at(r, paths), "expected BkToCstmrStmt below "
                                        + "Document, found " + name);
                            }
                            sawStatementContainer = true;
                        } else if (ours && depth == 3 && name.equals("Stmt")) {
                            statement = new Node(at(r, paths));
                            statementDepth = depth;
                            balances = new ArrayList<>();
                            entries = 0;
                        } else if (ours && statement != null && depth == statementDepth + 1
                                && (name.equals("Bal") || name.equals("Ntry"))) {
                            part = new Node(at(r, paths));
                            partDepth = depth;
                        }
                        if (statement != null && ours && name.equals("Amt")) {
                            String ccy = r.getAttributeValue(null, "Ccy");
                            if (ccy != null) {
                                Node target = part != null ? part : statement;
                                target.values.putIfAbsent(relative(names, part != null ? partDepth : statementDepth)
                                        + "@Ccy", new Value(ccy.strip(), at(r, paths)));
                            }
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (text.length() + r.getTextLength() > MAX_TEXT) {
                            throw new MalformedInputException(file, at(r, paths), "an element's text is longer than "
                                    + MAX_TEXT + " characters");
                        }
                        text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        int depth = names.size();
                        String value = text.toString().strip();
                        text.setLength(0);
                        if (statement != null && depth > statementDepth && !value.isEmpty()) {
                            Node target = part != null ? part : statement;
                            target.values.putIfAbsent(relative(names, part != null ? partDepth : statementDepth),
                                    new Value(value, at(r, paths)));
                        }
                        if (part != null && depth == partDepth) {
                            if (names.peek().equals("Bal")) {
                                balances.add(part);
                                handler.balance(statement, part);
                            } else {
                                handler.entry(statement, part, ++entries);
                            }
                            part = null;
                            partDepth = -1;
                        } else if (statement != null && depth == statementDepth) {
                            handler.statementEnd(statement, balances);
                            statement = null;
                            statementDepth = -1;
                        }
                        names.pop();
                        paths.pop();
                        childCounts.pop();
                    }
                    case XMLStreamConstants.END_DOCUMENT -> {
                        if (!sawStatementContainer) {
                            throw new MalformedInputException(file, "", "the document has no BkToCstmrStmt");
                        }
                        return version;
                    }
                    default -> { }
                }
            }
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // closing a StAX reader does not close the stream, which the caller owns
            }
        }
    }

    private static int next(XMLStreamReader r, String file, Deque<String> names, Deque<String> paths) {
        try {
            if (!r.hasNext()) {
                throw new MalformedInputException(file, at(r, paths), "the document ends early");
            }
            return r.next();
        } catch (XMLStreamException e) {
            Location l = e.getLocation();
            String problem = e.getMessage();
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof java.nio.charset.CharacterCodingException) {
                    problem = "the file is not valid UTF-8 (ISO 20022 messages are UTF-8)";
                }
            }
            // The JDK prefixes its messages with "ParseError at [row,col]:[l,c]\nMessage: ".
            int m = problem == null ? -1 : problem.indexOf("Message: ");
            throw new MalformedInputException(file, (l == null ? "" : "line " + l.getLineNumber())
                    + (paths.isEmpty() ? "" : ", " + paths.peek()), "malformed XML: "
                    + (m >= 0 ? problem.substring(m + 9) : problem));
        } catch (MalformedInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedInputException(file, paths.isEmpty() ? "" : paths.peek(), "unreadable XML: " + e);
        }
    }

    private static String relative(Deque<String> names, int fromDepth) {
        // names is a stack: the first element is the innermost. Take the names below depth fromDepth.
        List<String> parts = new ArrayList<>(names);
        StringBuilder s = new StringBuilder();
        for (int i = parts.size() - fromDepth - 1; i >= 0; i--) {
            if (!s.isEmpty()) {
                s.append('/');
            }
            s.append(parts.get(i));
        }
        return s.toString();
    }

    private static String at(XMLStreamReader r, Deque<String> paths) {
        return at(r, paths.isEmpty() ? "" : paths.peek());
    }

    private static String at(XMLStreamReader r, String path) {
        Location l = r.getLocation();
        return (l == null || l.getLineNumber() < 0 ? "" : "line " + l.getLineNumber() + ", ") + path;
    }
}
