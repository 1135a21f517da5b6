/**
 * Syslog transports: RFC 5425 syslog over TLS (institution taken from the client certificate) and a plain TCP
 * listener for labs, both feeding the shared intake in batches with back-pressure on the socket.
 */
package org.finres.events.internal.syslog;
