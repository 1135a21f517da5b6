package org.finres.resilience.drill.ebanking;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One node of the e-banking target. As primary it accepts transfers, journals each to disk, replicates it
 * synchronously to the attached standby and answers the client only after the standby confirmed it (so an
 * acknowledged transfer survives the primary's death). As standby it attaches to the primary (taking its whole
 * journal), applies what the primary replicates, watches the primary's heartbeat and promotes itself (a new epoch)
 * when the primary has been silent longer than the promotion timeout. A primary told by its standby that a newer
 * epoch exists steps down, so two primaries never both acknowledge: it becomes the new primary's standby when it
 * knows its peer (and asks the peer's role on every heartbeat, so it learns of a promotion even without a write),
 * else it stays fenced.
 *
 * <p>Degraded mode, on purpose: when the standby cannot be reached the primary detaches it and goes on alone (an
 * exercise bank should stay up), and the standby, seeing it is no longer attached, resynchronises before it may
 * promote.
 */
public final class EbankingNode implements AutoCloseable {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Duration REPLICATION_TIMEOUT = Duration.ofSeconds(5);

    private final NodeSettings settings;
    private final Journal journal;
    private final Object writes = new Object();
    private final HttpClient client;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
    private HttpServer server;
    private Ledger ledger = new Ledger();
    private volatile Role role;
    private volatile long epoch;
    private volatile URI standby;
    private volatile boolean attached;
    private volatile long lastPrimaryContactNanos = System.nanoTime();

    private EbankingNode(NodeSettings settings) {
        this.settings = settings;
        this.role = settings.role();
        this.journal = new Journal(settings.dataDir().resolve("journal.jsonl"));
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (Transfer t : journal.replay()) {
            ledger.apply(t);
        }
        this.epoch = Math.max(1, readEpoch());
    }

    /** Starts the node on loopback; a standby begins attaching to its primary at once. */
    public static EbankingNode start(NodeSettings settings) {
        EbankingNode n = new EbankingNode(settings);
        try {
            n.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("node " + settings.name() + " cannot listen on 127.0.0.1:"
                    + settings.port(), e);
        }
        n.server.setExecutor(n.handlers);
        n.server.createContext("/health", n::health);
        n.server.createContext("/role", n::role);
        n.server.createContext("/accounts", n::accounts);
        n.server.createContext("/transfers", n::transfers);
        n.server.createContext("/replication/append", n::replicated);
        n.server.createContext("/replication/attach", n::attach);
        n.server.start();
        if (settings.role() == Role.PRIMARY) {
            n.writeEpoch();
            n.announcePrimary();
        }
        long every = settings.heartbeatEvery().toMillis();
        n.heartbeat.scheduleWithFixedDelay(n::watchPrimary, 0, every, TimeUnit.MILLISECONDS);
        return n;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public Role currentRole() {
        return role;
    }

    public long epoch() {
        return epoch;
    }

    /** Whether this standby holds the primary's journal and receives its replication. */
    public boolean attached() {
        return attached;
    }

    public BigDecimal balance(String account) {
        synchronized (writes) {
            return ledger.balance(account);
        }
    }

    public List<Transfer> committed() {
        synchronized (writes) {
            return ledger.transfers();
        }
    }

    // ---- HTTP ----

    private void health(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("GET")) {
            JsonExchange.problem(ex, 405, "method not allowed", "/health answers GET only");
            return;
        }
        ObjectNode n = F.objectNode().put("status", role == Role.FENCED ? "FENCED" : "UP").put("node",
                settings.name()).put("role", role.wire());
        JsonExchange.reply(ex, role == Role.FENCED ? 503 : 200, n);
    }

    private void role(HttpExchange ex) throws IOException {
        ObjectNode n = F.objectNode();
        n.put("node", settings.name());
        n.put("role", role.wire());
        n.put("epoch", epoch);
        n.put("pid", ProcessHandle.current().pid());
        synchronized (writes) {
            n.put("transfers", ledger.size());
        }
        URI s = standby;
        n.put("standby", s == null ? null : s.toString());
        n.put("attached", attached);
        JsonExchange.reply(ex, 200, n);
    }

    private void accounts(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (!ex.getRequestMethod().equals("GET")) {
            JsonExchange.problem(ex, 405, "method not allowed", "accounts are read with GET");
            return;
        }
        synchronized (writes) {
            if (path.equals("/accounts") || path.equals("/accounts/")) {
                ObjectNode n = F.objectNode();
                ledger.balances().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .forEach(e -> n.put(e.getKey(), e.getValue().toPlainString()));
                JsonExchange.reply(ex, 200, F.objectNode().set("balances", n));
                return;
            }
            String id = path.substring("/accounts/".length());
            BigDecimal b = ledger.balance(id);
            if (b == null) {
                JsonExchange.problem(ex, 404, "unknown account", "account " + id + " does not exist");
                return;
            }
            JsonExchange.reply(ex, 200, F.objectNode().put("account", id).put("balance", b.toPlainString()));
        }
    }

    private void transfers(HttpExchange ex) throws IOException {
        switch (ex.getRequestMethod()) {
            case "GET" -> {
                ArrayNode list = F.arrayNode();
                for (Transfer t : committed()) {
                    list.add(Journal.toJson(t));
                }
                JsonExchange.reply(ex, 200, F.objectNode().put("node", settings.name()).put("count", list.size())
                        .set("transfers", list));
            }
            case "POST" -> transfer(ex);
            default -> JsonExchange.problem(ex, 405, "method not allowed", "/transfers answers GET and POST");
        }
    }

    private void transfer(HttpExchange ex) throws IOException {
        byte[] body = JsonExchange.body(ex);
        if (body == null) {
            return;
        }
        Transfer request;
        try {
            request = parseTransfer(body);
        } catch (IllegalArgumentException e) {
            JsonExchange.problem(ex, 400, "bad transfer", e.getMessage());
            return;
        }
        synchronized (writes) {
            if (role != Role.PRIMARY) {
                JsonExchange.problem(ex, 503, "not the primary", "node " + settings.name() + " is "
                        + role.wire() + "; send transfers to the primary (or the front router)");
                return;
            }
            switch (ledger.decide(request)) {
                case Ledger.Decision.AlreadyCommitted a -> JsonExchange.reply(ex, 200, Journal.toJson(a.existing()));
                case Ledger.Decision.Refuse r -> JsonExchange.problem(ex, r.status(), r.title(), r.detail());
                case Ledger.Decision.Accept a -> {
                    journal.append(a.transfer());
                    if (!replicate(a.transfer())) {
                        JsonExchange.problem(ex, 503, "not the primary", "node " + settings.name()
                                + " stepped down: a newer primary exists");
                        return;
                    }
                    ledger.apply(a.transfer());
                    JsonExchange.reply(ex, 201, Journal.toJson(a.transfer()));
                }
            }
        }
    }

    private Transfer parseTransfer(byte[] body) {
        JsonNode n;
        try {
            n = JsonExchange.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a transfer is a JSON object {\"id\",\"from\",\"to\",\"amount\"}");
        }
        for (var e : n.properties()) {
            if (!List.of("id", "from", "to", "amount").contains(e.getKey())) {
                throw new IllegalArgumentException("a transfer has no field " + e.getKey()
                        + " (fields: id, from, to, amount)");
            }
        }
        String id = field(n, "id");
        String from = field(n, "from");
        String to = field(n, "to");
        String amount = field(n, "amount");
        BigDecimal a;
        try {
            a = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount must be a decimal string such as \"12.50\", found "
                    + amount);
        }
        if (a.signum() <= 0 || a.scale() > 2 || a.precision() - a.scale() > 15) {
            throw new IllegalArgumentException("amount must be positive, at most 15 digits and two decimals, found "
                    + amount);
        }
        if (!Transfer.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 1 to 100 letters, digits and . _ : -, found " + id);
        }
        return new Transfer(id, from, to, a.setScale(2), clock.instant());
    }

    private static String field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw new IllegalArgumentException("field " + name + " is required and must be a string"
                    + (name.equals("amount") ? " (amounts are decimal strings, never JSON numbers)" : ""));
        }
        return v.asString();
    }

    /** False when the standby says a newer primary exists (this node is then fenced). */
    private boolean replicate(Transfer t) {
        URI s = standby;
        if (s == null) {
            return true;
        }
        ObjectNode body = F.objectNode().put("epoch", epoch).put("seq", ledger.size());
        body.set("transfer", Journal.toJson(t));
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(s.resolve("/replication/append"))
                    .timeout(REPLICATION_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JsonExchange.JSON.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return true;
            }
            if (r.statusCode() == 409 && r.body().contains("\"newer-epoch\"")) {
                stepDown("the standby reports a newer primary");
                return false;
            }
            System.err.println("node " + settings.name() + ": standby refused replication (" + r.statusCode()
                    + "); detaching it until it resynchronises");
        } catch (IOException e) {
            System.err.println("node " + settings.name() + ": standby unreachable (" + e + "); going on alone");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        standby = null;
        return true;
    }

    private void replicated(HttpExchange ex) throws IOException {
        byte[] body = JsonExchange.body(ex);
        if (body == null) {
            return;
        }
        long theirEpoch;
        long seq;
        Transfer t;
        try {
            JsonNode n = JsonExchange.JSON.readTree(body);
            theirEpoch = n.get("epoch").asLong();
            seq = n.get("seq").asLong();
            t = Journal.fromJson(n.get("transfer"));
        } catch (RuntimeException e) {
            JsonExchange.problem(ex, 400, "bad replication", "replication carries {epoch, seq, transfer}: " + e);
            return;
        }
        synchronized (writes) {
            if (role == Role.PRIMARY && epoch >= theirEpoch) {
                JsonExchange.reply(ex, 409, F.objectNode().put("reason", "newer-epoch").put("epoch", epoch));
                return;
            }
            if (!attached || seq != ledger.size()) {
                attached = false;
                JsonExchange.reply(ex, 409, F.objectNode().put("reason", "out-of-sync").put("have", ledger.size()));
                return;
            }
            epoch = Math.max(epoch, theirEpoch);
            journal.append(t);
            ledger.apply(t);
            lastPrimaryContactNanos = System.nanoTime();
        }
        JsonExchange.reply(ex, 200, F.objectNode().put("have", seq + 1));
    }

    private void attach(HttpExchange ex) throws IOException {
        byte[] body = JsonExchange.body(ex);
        if (body == null) {
            return;
        }
        URI follower;
        try {
            follower = URI.create(JsonExchange.JSON.readTree(body).get("url").asString());
        } catch (RuntimeException e) {
            JsonExchange.problem(ex, 400, "bad attach", "attach needs {\"url\": \"http://127.0.0.1:PORT\"}");
            return;
        }
        synchronized (writes) {
            if (role != Role.PRIMARY) {
                JsonExchange.problem(ex, 503, "not the primary", "node " + settings.name() + " is " + role.wire());
                return;
            }
            standby = follower;
            ArrayNode list = F.arrayNode();
            for (Transfer t : ledger.transfers()) {
                list.add(Journal.toJson(t));
            }
            JsonExchange.reply(ex, 200, F.objectNode().put("epoch", epoch).set("transfers", list));
        }
    }

    // ---- standby ----

    /**
     * A primary that learns of a newer one becomes its standby when it knows its peer (and resynchronises from it,
     * dropping any write it journaled but never acknowledged), else stays fenced. Called holding {@code writes}
     * or from the heartbeat.
     */
    private void stepDown(String why) {
        synchronized (writes) {
            if (role != Role.PRIMARY) {
                return;
            }
            standby = null;
            attached = false;
            lastPrimaryContactNanos = System.nanoTime();
            role = settings.peer() == null ? Role.FENCED : Role.STANDBY;
        }
        System.err.println("node " + settings.name() + ": " + why + "; stepping down to " + role.wire());
    }

    private void watchPrimary() {
        try {
            if (role == Role.PRIMARY && settings.peer() != null) {
                // After a false alarm both nodes may claim primary; the one with the older epoch yields.
                long peerEpoch = peerPrimaryEpoch();
                if (peerEpoch > epoch) {
                    stepDown("the peer is primary at epoch " + peerEpoch);
                }
                return;
            }
            if (role != Role.STANDBY) {
                return;
            }
            if (!attached) {
                tryAttach();
            } else if (primaryAnswers()) {
                lastPrimaryContactNanos = System.nanoTime();
            }
            long silent = System.nanoTime() - lastPrimaryContactNanos;
            if (attached && silent > settings.promoteAfter().toNanos()) {
                promote(Duration.ofNanos(silent));
            }
        } catch (RuntimeException e) {
            System.err.println("node " + settings.name() + ": heartbeat: " + e);
        }
    }

    /** The peer's epoch when it answers as primary, else -1. */
    private long peerPrimaryEpoch() {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(settings.peer().resolve("/role"))
                    .timeout(settings.heartbeatEvery().multipliedBy(4)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode n = JsonExchange.JSON.readTree(r.body());
            return r.statusCode() == 200 && n.get("role").asString().equals("primary") ? n.get("epoch").asLong() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private boolean primaryAnswers() {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(settings.peer().resolve("/role"))
                    .timeout(settings.heartbeatEvery().multipliedBy(4)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode n = JsonExchange.JSON.readTree(r.body());
            if (!n.get("role").asString().equals("primary")) {
                return false;
            }
            if (!uri().toString().equals(n.get("standby").asString(""))) {
                // The primary detached us (we missed a write): take its journal again before we may promote.
                attached = false;
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void tryAttach() {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(settings.peer().resolve("/replication/attach"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + uri() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return;
            }
            JsonNode n = JsonExchange.JSON.readTree(r.body());
            List<Transfer> all = new ArrayList<>();
            for (JsonNode t : n.get("transfers")) {
                all.add(Journal.fromJson(t));
            }
            synchronized (writes) {
                journal.replaceWith(all);
                ledger = new Ledger();
                all.forEach(ledger::apply);
                epoch = Math.max(epoch, n.get("epoch").asLong());
                writeEpoch();
                attached = true;
                lastPrimaryContactNanos = System.nanoTime();
            }
            System.err.println("node " + settings.name() + ": attached to " + settings.peer() + " with "
                    + all.size() + " transfers");
        } catch (IOException e) {
            // the primary is not up yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Package-private so a test can stage a false alarm (a promotion while the primary still runs). */
    void promote(Duration silent) {
        synchronized (writes) {
            epoch = epoch + 1;
            writeEpoch();
            role = Role.PRIMARY;
        }
        announcePrimary();
        System.err.println("node " + settings.name() + ": primary silent for " + silent.toMillis()
                + " ms; promoted to primary at epoch " + epoch);
    }

    // ---- files ----

    private void announcePrimary() {
        Path pid = settings.targetDir().resolve("primary.pid");
        try {
            Files.createDirectories(settings.targetDir());
            Path tmp = settings.targetDir().resolve("primary.pid." + settings.name());
            Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, pid, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pid, e);
        }
    }

    private long readEpoch() {
        Path f = settings.dataDir().resolve("epoch");
        try {
            return Files.exists(f) ? Long.parseLong(Files.readString(f).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private void writeEpoch() {
        try {
            Files.writeString(settings.dataDir().resolve("epoch"), Long.toString(epoch));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the epoch of node " + settings.name(), e);
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        server.stop(0);
        handlers.shutdownNow();
        journal.close();
    }
}
