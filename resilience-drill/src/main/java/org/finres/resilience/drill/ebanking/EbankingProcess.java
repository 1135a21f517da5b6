package org.finres.resilience.drill.ebanking;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.finres.resilience.engine.DurationText;

/**
 * The OS-process entry point of the target, so that a drill's fault can be a real {@code kill -9}:
 * <pre>
 * node --name a --port 18081 --data DIR/node-a --target DIR --role primary [--peer http://127.0.0.1:18082]
 * node --name b --port 18082 --data DIR/node-b --target DIR --role standby --peer http://127.0.0.1:18081
 *      [--heartbeat 250ms] [--promote-after 2s]
 * router --port 18080 --nodes http://127.0.0.1:18081,http://127.0.0.1:18082
 * </pre>
 * Prints one {@code ready ...} line on standard output once listening, then runs until the process ends.
 */
public final class EbankingProcess {

    private EbankingProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("e-banking target: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Starts what {@code args} asks for and blocks until the process is told to end. */
    public static void run(String[] args) throws InterruptedException {
        if (args.length == 0 || !(args[0].equals("node") || args[0].equals("router"))) {
            throw new IllegalArgumentException("usage: node --name N --port P --data D --target T --role "
                    + "primary|standby [--peer URL] [--heartbeat 250ms] [--promote-after 2s] | router --port P "
                    + "--nodes URL,URL");
        }
        Map<String, String> o = options(args);
        AutoCloseable running;
        if (args[0].equals("router")) {
            List<URI> nodes = new ArrayList<>();
            for (String u : require(o, "nodes").split(",")) {
                nodes.add(URI.create(u.strip()));
            }
            FrontRouter r = FrontRouter.start(port(require(o, "port")), nodes);
            System.out.println("ready router port=" + r.port() + " pid=" + ProcessHandle.current().pid());
            running = r;
        } else {
            String role = require(o, "role");
            if (!role.equals("primary") && !role.equals("standby")) {
                throw new IllegalArgumentException("--role is primary or standby, not " + role);
            }
            NodeSettings s = new NodeSettings(require(o, "name"), port(require(o, "port")),
                    Path.of(require(o, "data")), Path.of(require(o, "target")),
                    role.equals("primary") ? Role.PRIMARY : Role.STANDBY,
                    o.containsKey("peer") ? URI.create(o.get("peer")) : null,
                    duration(o.getOrDefault("heartbeat", "250ms"), "--heartbeat"),
                    duration(o.getOrDefault("promote-after", "2s"), "--promote-after"));
            EbankingNode n = EbankingNode.start(s);
            System.out.println("ready node " + s.name() + " role=" + role + " port=" + n.port() + " pid="
                    + ProcessHandle.current().pid());
            running = n;
        }
        System.out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                // ending anyway
            }
        }));
        forever.await();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, found " + args[i]);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static String require(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static int port(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a port is a number, not " + s);
        }
    }

    private static Duration duration(String s, String option) {
        return DurationText.parse(s).filter(d -> !d.isNegative() && !d.isZero())
                .orElseThrow(() -> new IllegalArgumentException(option + " is a positive duration like 250ms or "
                        + "2s, not " + s));
    }
}
