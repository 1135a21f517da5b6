package org.finres.resilience.drill.plan;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** A steady-state probe: one check of one thing the service needs to be up, with its own timeout. */
public sealed interface Probe {

    String name();

    Duration timeout();

    /** An HTTP GET answering {@code status}, its body containing {@code bodyContains} when that is not empty. */
    record Http(String name, URI url, int status, String bodyContains, Duration timeout) implements Probe {
        public Http {
            bodyContains = bodyContains == null ? "" : bodyContains;
        }
    }

    /** A TCP connection that opens. */
    record Tcp(String name, String host, int port, Duration timeout) implements Probe { }

    /** A JDBC query whose first column of the first row reads {@code expected}. */
    record Sql(String name, String jdbcUrl, String user, String password, String query, String expected,
            Duration timeout) implements Probe { }

    /** A command (no shell unless the argv names one) that exits with {@code exitCode}. */
    record Command(String name, List<String> argv, int exitCode, Duration timeout) implements Probe {
        public Command {
            argv = List.copyOf(argv);
        }
    }
}
