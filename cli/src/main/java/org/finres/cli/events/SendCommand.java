package org.finres.cli.events;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.finres.cli.CliEnvironment;
import org.finres.cli.ExitStatus;
import org.finres.cli.remote.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "send",
        description = {"Send event files, folders (recursively, in path order) or stdin ('-') to the hub.",
                "Any format the hub decodes: OCSF, ECS or Windows event JSON (one per line, a JSON array, or "
                        + "concatenated objects), CEF, LEEF or syslog lines; .gz files and .zip entries are "
                        + "decompressed. Records go in gzip'd batches; after each acknowledged batch the state file "
                        + "records how far every file got, so rerunning the same command after an interruption "
                        + "sends only the rest (the hub also ignores events it already has).",
                "Needs a token with the events:write scope. Exit code 0 when everything was sent, even if the "
                        + "hub rejected some events (they are listed), 2 when the hub refuses the run, 3 when it "
                        + "is unreachable."})
final class SendCommand implements Callable<Integer> {

    private static final List<String> FORMATS =
            List.of("ocsf", "ecs", "windows", "cef", "leef", "syslog", "rfc3164", "json", "text");
    private static final int REJECTIONS_SHOWN = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--hub", paramLabel = "URL",
            description = "The hub's address. Default: environment FINRES_HUB_URL, else http://localhost:8080.")
    String hub;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token with the events:write scope. Default: environment FINRES_TOKEN.")
    String token;

    @Option(names = "--format", paramLabel = "F",
            description = "The records' format when the hub should not detect it: ocsf, ecs, windows, cef, leef, "
                    + "syslog, rfc3164, json or text.")
    String format;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "Records per request (default ${DEFAULT-VALUE}; the hub takes at most 20000).")
    int batch;

    @Option(names = "--state", paramLabel = "FILE", defaultValue = ".finres-send-state.json",
            description = "Where progress is kept for resuming (default ${DEFAULT-VALUE} in the current folder).")
    Path stateFile;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "8",
            description = "Retries of one batch after HTTP 429, 5xx or a connection failure (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--backoff", paramLabel = "MILLIS", defaultValue = "1000", hidden = true,
            description = "First wait after a 5xx or connection failure, doubled each time.")
    long backoffMillis;

    @Option(names = "--progress", paramLabel = "STYLE", defaultValue = "auto",
            description = "auto (a bar on a terminal, else a line every 10 s), bar, lines or none.")
    String progressStyle;

    @Option(names = "--transport", paramLabel = "T", defaultValue = "https",
            description = "https (default: the hub's /api/v1/events with an events:write token) or syslog-tls "
                    + "(RFC 5425 with mutual TLS: the client certificate names the institution; no receipts).")
    String transport;

    @Option(names = "--syslog", paramLabel = "HOST:PORT", defaultValue = "localhost:6514",
            description = "With syslog-tls: the hub's syslog-over-TLS listener (default ${DEFAULT-VALUE}).")
    String syslogAddress;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "With syslog-tls: PKCS12 with the institution's client key and certificate; its password "
                    + "in FINRES_KEYSTORE_PASSWORD.")
    Path keystore;

    @Option(names = "--truststore", paramLabel = "FILE",
            description = "With syslog-tls: PKCS12 with the CA of the hub's server certificate (default: the JDK's "
                    + "trusted CAs); its password in FINRES_TRUSTSTORE_PASSWORD, else FINRES_KEYSTORE_PASSWORD.")
    Path truststore;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, folders, or '-' for stdin.")
    List<String> paths;

    private long events;
    private long eventsSent;
    private long bytesSent;
    private long bytesRead;
    private long accepted;
    private long duplicates;
    private long rejected;
    private final List<String> rejectionLines = new ArrayList<>();
    private boolean receipts = true;

    @Override
    public Integer call() throws IOException {
        boolean syslog = transport.equals("syslog-tls");
        if (!syslog && !transport.equals("https") && !transport.equals("http")) {
            throw usage("--transport must be https or syslog-tls, not '" + transport + "'");
        }
        if (syslog && keystore == null) {
            throw usage("--transport syslog-tls needs --keystore FILE (the institution's client certificate)");
        }
        if (format != null && !FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            throw usage("--format must be one of " + String.join(", ", FORMATS) + ", not '" + format + "'");
        }
        format = format == null ? null : format.toLowerCase(Locale.ROOT);
        if (batch < 1 || batch > 20_000) {
            throw usage("--batch must be between 1 and 20000");
        }
        if (paths.stream().filter("-"::equals).count() > 1) {
            throw usage("stdin ('-') can be read only once");
        }
        CliEnvironment environment = CliEnvironment.of(spec);
        URI address = syslog ? null
                : address(hub != null ? hub : environment.variable("FINRES_HUB_URL").orElse("http://localhost:8080"));
        String secret = syslog ? null : secret(environment);
        List<Input> inputs;
        try {
            inputs = Input.of(paths, environment.stdin());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw usage(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        SendState state;
        try {
            state = SendState.load(stateFile);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        long total = 0;
        for (Input input : inputs) {
            long size = input.knownSize();
            total = size < 0 || total < 0 ? -1 : total + size;
        }
        Progress progress = new Progress(err, style(), total);
        EventSink intake = syslog ? syslogClient(environment, progress)
                : new IntakeClient(address, secret, format, Math.max(0, retries),
                Duration.ofMillis(Math.max(0, backoffMillis)), progress::notice);
        receipts = intake.receipts();
        long started = System.nanoTime();
        int skipped = 0;
        Batch.Builder builder = new Batch.Builder(batch);
        try {
            for (Input input : inputs) {
                Optional<Fingerprint> fingerprint = Fingerprint.of(input);
                Optional<SendState.Entry> earlier = fingerprint.flatMap(f -> state.resumable(input.key(), f.size(), f.modified()));
                if (earlier.isPresent() && earlier.get().complete()) {
                    skipped++;
                    if (input.knownSize() > 0) {
                        bytesRead += input.knownSize();
                    }
                    continue;
                }
                sendInput(input, earlier.orElse(null), builder, intake, state, progress);
            }
            if (!builder.isEmpty()) {
                deliver(builder.take(), intake, state, progress);
            }
        } catch (IntakeFailed failed) {
            progress.finish();
            summary(err, started, skipped);
            throw failed;
        } finally {
            intake.close();
        }
        progress.update(events, bytesRead, bytesSent, true);
        progress.finish();
        summary(out, started, skipped);
        return ExitStatus.OK.code();
    }

    private EventSink syslogClient(CliEnvironment environment, Progress progress) {
        int colon = syslogAddress.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(syslogAddress.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw usage("--syslog must be HOST:PORT, not '" + syslogAddress + "'");
        }
        if (colon <= 0 || port < 1 || port > 65535) {
            throw usage("--syslog must be HOST:PORT with a port from 1 to 65535, not '" + syslogAddress + "'");
        }
        char[] keyPassword = environment.variable("FINRES_KEYSTORE_PASSWORD").orElse("").toCharArray();
        char[] trustPassword = environment.variable("FINRES_TRUSTSTORE_PASSWORD").map(String::toCharArray).orElse(keyPassword);
        try {
            return new SyslogTlsClient(syslogAddress.substring(0, colon), port, keystore, keyPassword, truststore,
                    trustPassword, Math.max(0, retries), Duration.ofMillis(Math.max(0, backoffMillis)), progress::notice);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void sendInput(Input input, SendState.Entry earlier, Batch.Builder builder, EventSink intake,
                           SendState state, Progress progress) throws IOException {
        RecordReader.Layout layout;
        InputStream in;
        long offset = 0;
        long skipEvents = 0;
        long already = 0;
        try {
            in = new BufferedInputStream(input.open(), 1 << 16);
            // Marked so the layout can be sniffed from the first line and the stream read again from its start.
            in.mark(RecordReader.MAX_LINE + 16);
            layout = RecordReader.detect(in, format);
            in.reset();
            if (earlier != null) {
                already = earlier.events();
                if (layout == RecordReader.Layout.JSON_ARRAY) {
                    skipEvents = earlier.events(); // array elements cannot be found by seeking: parse and drop them
                } else {
                    offset = earlier.offset();
                }
            }
            in.skipNBytes(offset);
        } catch (IOException e) {
            throw unreadable(input, e);
        }
        bytesRead += offset;
        long readBefore = bytesRead;
        try (RecordReader reader = new RecordReader(in, layout, offset, skipEvents, already)) {
            RecordReader.Record record;
            long lastEndOffset = offset;
            long lastEvents = already;
            long positionBase = reader.position();
            while ((record = reader.next()) != null) {
                builder.add(input, record);
                events++;
                lastEndOffset = record.endOffset();
                lastEvents = record.endEvents();
                bytesRead = readBefore + (reader.position() - positionBase);
                if (builder.full()) {
                    deliver(builder.take(), intake, state, progress);
                }
                progress.update(events, bytesRead, bytesSent, false);
            }
            long end = layout == RecordReader.Layout.LINES ? reader.position() : Math.max(lastEndOffset, reader.position());
            builder.endOfInput(input, end, lastEvents);
        } catch (IOException e) {
            throw unreadable(input, e);
        }
    }

    /** A local input problem, reported without a stack trace; what was acknowledged stays in the state file. */
    private static IntakeFailed unreadable(Input input, IOException e) {
        return new IntakeFailed(ExitStatus.USAGE, "cannot read " + input.key() + ": " + e.getMessage(), e);
    }

    /** Sends a batch (if it holds records) and records its inputs' progress once the hub has acknowledged it. */
    private void deliver(Batch batch, EventSink intake, SendState state, Progress progress) {
        if (batch.events() > 0) {
            Acknowledgement ack = intake.send(batch);
            bytesSent += batch.body().length;
            eventsSent += batch.events();
            accepted += ack.accepted();
            duplicates += ack.duplicates();
            rejected += ack.rejected();
            for (Acknowledgement.Rejection rejection : ack.rejections()) {
                if (rejectionLines.size() < REJECTIONS_SHOWN) {
                    rejectionLines.add(batch.locate(rejection.index()) + ": " + Output.printable(rejection.reason()));
                }
            }
        }
        boolean changed = false;
        for (Batch.Segment segment : batch.segments()) {
            Optional<Fingerprint> fingerprint = Fingerprint.of(segment.input());
            if (fingerprint.isPresent()) {
                state.put(segment.input().key(), new SendState.Entry(fingerprint.get().size(),
                        fingerprint.get().modified(), segment.endOffset(), segment.endEvents(), segment.complete()));
                changed = true;
            }
        }
        if (changed) {
            state.save();
        }
        progress.update(events, bytesRead, bytesSent, false);
    }

    private void summary(PrintWriter to, long started, int skipped) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        to.println(String.format(Locale.ROOT, "sent %,d events (%s gzip'd) in %.1f s, %,.0f events/s", eventsSent,
                Progress.bytes(bytesSent), seconds, eventsSent / seconds));
        if (receipts) {
            to.println(String.format(Locale.ROOT, "accepted %,d, duplicates %,d, rejected %,d", accepted, duplicates,
                    rejected));
        } else {
            to.println(String.format(Locale.ROOT, "delivered %,d over syslog-TLS (syslog has no receipts: the hub's "
                    + "event explorer and dead letters show what it stored)", accepted));
        }
        if (skipped > 0) {
            to.println("skipped " + skipped + " input(s) already sent in an earlier run (state " + stateFile + ")");
        }
        if (!rejectionLines.isEmpty()) {
            to.println(rejected > rejectionLines.size() ? "first rejections:" : "rejections:");
            rejectionLines.forEach(line -> to.println("  " + line));
        }
    }

    private Progress.Style style() {
        return switch (progressStyle.toLowerCase(Locale.ROOT)) {
            case "bar" -> Progress.Style.BAR;
            case "lines" -> Progress.Style.LINES;
            case "none" -> Progress.Style.NONE;
            case "auto" -> terminal() ? Progress.Style.BAR : Progress.Style.LINES;
            default -> throw usage("--progress must be auto, bar, lines or none");
        };
    }

    /**
     * Whether the process talks to a terminal. On Java 21 System.console() is null exactly when it does not; newer
     * JDKs may return a console anyway and answer with Console.isTerminal() (Java 22+), called reflectively
     * because the code is compiled for release 21.
     */
    private static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException java21) {
            return true;
        }
    }

    private String secret(CliEnvironment environment) {
        String secret = token != null && !token.isBlank() ? token.strip()
                : environment.variable("FINRES_TOKEN").map(String::strip).orElseThrow(() -> usage(
                "no API token: pass --token TOKEN or set FINRES_TOKEN (a token with the events:write scope)"));
        // A token pasted with a line break would otherwise fail deep inside HttpClient's header check.
        if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw usage("the API token contains spaces, line breaks or non-ASCII characters; copy it again");
        }
        return secret;
    }

    private URI address(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw usage("the hub address '" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw usage("the hub address must be an http:// or https:// URL such as http://localhost:8080, not '"
                    + text + "'");
        }
        return uri;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Size and modification time of the file behind an input; stdin has none and is never resumed. */
    private record Fingerprint(long size, long modified) {
        static Optional<Fingerprint> of(Input input) {
            Path file = switch (input) {
                case Input.FileInput f -> f.path();
                case Input.ZipEntryInput z -> z.zip();
                case Input.StdinInput s -> null;
            };
            if (file == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Fingerprint(Files.size(file), Files.getLastModifiedTime(file).toMillis()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
