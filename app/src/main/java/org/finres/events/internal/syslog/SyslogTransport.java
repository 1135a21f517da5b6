package org.finres.events.internal.syslog;

/** The two syslog transports; the name is the intake's transport label and the metrics' tag. */
enum SyslogTransport {
    TLS("syslog-tls"),
    TCP("syslog-tcp");

    private final String label;

    SyslogTransport(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
