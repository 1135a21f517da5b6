package org.finres.cli.events;

/** Where `finres events send` delivers its batches: the hub's HTTPS intake, or its syslog-over-TLS listener. */
sealed interface EventSink extends AutoCloseable permits IntakeClient, SyslogTlsClient {

    /** Delivers one batch, retrying as the transport allows; throws {@link IntakeFailed} when it gives up. */
    Acknowledgement send(Batch batch);

    /** Whether acknowledgements say what the hub stored (HTTPS) or only that the bytes were taken (syslog). */
    boolean receipts();

    @Override
    default void close() {
    }
}
