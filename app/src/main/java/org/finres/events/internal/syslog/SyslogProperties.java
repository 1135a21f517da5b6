package org.finres.events.internal.syslog;

import java.nio.file.Path;
import java.time.Duration;

import org.finres.core.InstitutionId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The syslog listeners. Both are off until their port is set.
 *
 * @param tls              syslog over TLS (RFC 5425)
 * @param tcp              plain TCP for labs, bound to one institution
 * @param batchMessages    frames handed to the intake in one batch at most
 * @param batchWindow      how long a batch waits for more frames after its first one
 * @param maxConnections   open connections per listener; more are closed at once
 * @param idleTimeout      a connection that sends nothing for this long is closed (0: never)
 * @param handshakeTimeout how long a TLS client may take to complete its handshake
 * @param maxMessage       the largest syslog message accepted; a longer frame breaks the connection
 */
@ConfigurationProperties("finres.events.syslog")
public record SyslogProperties(@DefaultValue Tls tls,
                               @DefaultValue Tcp tcp,
                               @DefaultValue("500") int batchMessages,
                               @DefaultValue("200ms") Duration batchWindow,
                               @DefaultValue("256") int maxConnections,
                               @DefaultValue("5m") Duration idleTimeout,
                               @DefaultValue("10s") Duration handshakeTimeout,
                               @DefaultValue("64KB") DataSize maxMessage) {

    public SyslogProperties {
        if (batchMessages <= 0 || maxConnections <= 0) {
            throw new IllegalArgumentException("finres.events.syslog: batch-messages and max-connections must be positive");
        }
        if (batchWindow.isNegative() || idleTimeout.isNegative() || handshakeTimeout.isNegative()) {
            throw new IllegalArgumentException("finres.events.syslog: durations must not be negative");
        }
        if (maxMessage.toBytes() <= 0 || maxMessage.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("finres.events.syslog.max-message must be positive and below 2 GB");
        }
    }

    /**
     * Syslog over TLS.
     *
     * @param port               the port; unset: no TLS listener; 0: any free port
     * @param bindAddress        the address to listen on; unset: every interface
     * @param keystore           PKCS12 file with the server's key and certificate chain
     * @param keystorePassword   its password (also the key's)
     * @param truststore         PKCS12 file with the CA that signs institutions' client certificates; set, it turns
     *                           on mutual TLS and each connection's institution is its certificate's CN (or first
     *                           DNS name)
     * @param truststorePassword its password
     * @param defaultInstitution without a truststore, the institution of every connection; with neither, every
     *                           connection is refused, since a sender's own claim is never trusted
     */
    public record Tls(Integer port, String bindAddress, Path keystore, String keystorePassword, Path truststore,
                      String truststorePassword, InstitutionId defaultInstitution) {

        boolean enabled() {
            return port != null;
        }

        boolean mutual() {
            return truststore != null;
        }

        /** Without the passwords, which would otherwise reach any log that prints the configuration. */
        @Override
        public String toString() {
            return "Tls[port=" + port + ", bindAddress=" + bindAddress + ", keystore=" + keystore + ", truststore="
                    + truststore + ", defaultInstitution=" + defaultInstitution + "]";
        }
    }

    /**
     * Plain TCP, octet counting or newline framing (told apart by the first byte). Unencrypted and
     * unauthenticated, so it is meant for labs and listens on the loopback address unless told otherwise.
     *
     * @param port        the port; unset: no TCP listener; 0: any free port
     * @param bindAddress the address to listen on
     * @param institution the institution of every event received (required when the port is set)
     */
    public record Tcp(Integer port, @DefaultValue("127.0.0.1") String bindAddress, InstitutionId institution) {

        boolean enabled() {
            return port != null;
        }
    }
}
